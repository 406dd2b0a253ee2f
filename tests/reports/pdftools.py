"""Read PDFs the way a reader's tools do: poppler's pdftotext, pdffonts and pdfinfo."""

import re
import subprocess
import tempfile
from pathlib import Path


def _run(tool: str, pdf: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(
            [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
            capture_output=True,
            check=True,
            text=True,
        )
    return result.stdout


def pdf_text(pdf: bytes) -> str:
    """The text a reader copies out of the PDF, in the order it was written.

    -raw keeps content order: the layout mode sorts glyphs by position and moves Thai marks
    drawn with an offset after the next letter.
    """
    return _run("pdftotext", pdf, "-raw", "-enc", "UTF-8")


def pdf_reading(pdf: bytes) -> str:
    """pdf_text with whitespace collapsed, as a reader searches it (Thai exactly as written,
    see amf/pdf_unicode.py)."""
    return re.sub(r"\s+", " ", pdf_text(pdf))


def pdf_fonts(pdf: bytes) -> list[dict[str, str]]:
    """Each font of the PDF: name, whether embedded and whether it maps to Unicode."""
    lines = _run("pdffonts", pdf).splitlines()[2:]
    fonts = []
    for line in lines:
        parts = line.split()
        # name type... emb sub uni object-id generation: the flags are counted from the end.
        fonts.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return fonts


def pdf_info(pdf: bytes) -> dict[str, str]:
    """pdfinfo's fields (Pages, Page size, ...)."""
    info = {}
    for line in _run("pdfinfo", pdf).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info
