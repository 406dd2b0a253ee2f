"""The one way the application answers with a file: Django's FileResponse.

FileResponse writes the Content-Disposition header correctly for any file name (RFC 6266,
with `filename*` for names that are not plain ASCII), sets Content-Length when the size is
known, and streams an iterator of chunks without holding the whole file.
"""

import io
from collections.abc import Iterable

from django.http import FileResponse

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
ICS = "text/calendar; charset=utf-8"
ZIP = "application/zip"


def file_download(
    content: bytes | Iterable[bytes],
    *,
    filename: str,
    content_type: str,
    inline: bool = False,
) -> FileResponse:
    """A response carrying `content` as the file `filename`.

    `inline` lets the browser show it (a PDF, a calendar) rather than save it.
    """
    if isinstance(content, bytes):
        content = io.BytesIO(content)
    return FileResponse(
        content, as_attachment=not inline, filename=filename, content_type=content_type
    )
