"""Exit 0 when the app and its database answer /healthz, for container health checks."""

import os
import sys
import urllib.request

PORT = os.environ.get("HEALTHCHECK_PORT", "8000")


def host_header() -> str:
    """Pick a host name the app accepts: the first concrete entry of ALLOWED_HOSTS."""
    for entry in os.environ.get("ALLOWED_HOSTS", "").split(","):
        entry = entry.strip().lstrip(".")
        if entry and entry != "*":
            return entry
    return "localhost"


request = urllib.request.Request(
    f"http://127.0.0.1:{PORT}/healthz", headers={"Host": host_header()}
)
try:
    with urllib.request.urlopen(request, timeout=4) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception as error:
    print(f"unhealthy: {error}", file=sys.stderr)
    sys.exit(1)
