"""Uploaded delegate files kept between the preview of an import and its confirmation."""

import re
import secrets
import tempfile
from pathlib import Path

SESSION_KEY = "delegate_imports"
TOKEN = re.compile(r"^[0-9a-f]{32}\.(csv|txt|xlsx)$")


def upload_dir() -> Path:
    directory = Path(tempfile.gettempdir()) / "amf-delegate-imports"
    directory.mkdir(mode=0o700, exist_ok=True)
    return directory


def stash(request, name: str, data: bytes) -> str:
    """Keep an uploaded file for this user's session; returns the token that finds it."""
    extension = name.rsplit(".", 1)[-1].lower()
    token = f"{secrets.token_hex(16)}.{extension}"
    (upload_dir() / token).write_bytes(data)
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, [])[-9:], token]
    return token


def unstash(request, token: str) -> bytes | None:
    """The file kept under `token` for this session, if there is one."""
    if not TOKEN.match(token) or token not in request.session.get(SESSION_KEY, []):
        return None
    path = upload_dir() / token
    return path.read_bytes() if path.exists() else None


def discard(request, token: str) -> None:
    """Forget a kept file once it has been imported."""
    if TOKEN.match(token):
        (upload_dir() / token).unlink(missing_ok=True)
    request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t != token]
