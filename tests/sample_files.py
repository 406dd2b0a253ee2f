"""Files as staff upload them, made here: PDFs, images with metadata, Office files, impostors."""

import io
import zipfile

from PIL import Image

# The smallest file every PDF reader takes: a header, one empty page, and the end marker.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n"

OFFICE_MAIN = {
    "pptx": ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
    "docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
}


def office(
    kind: str = "pptx", *, extra: dict[str, bytes] | None = None, main_type: str = ""
) -> bytes:
    """An Office Open XML file of `kind`: a zip with its [Content_Types].xml and main part."""
    part, suffix = OFFICE_MAIN[kind]
    content_type = main_type or f"application/vnd.openxmlformats-officedocument.{suffix}"
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr(part, "<root/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def image(
    kind: str = "JPEG",
    *,
    size: tuple[int, int] = (64, 80),
    colour: str = "#0b4f8a",
    gps: bool = False,
    orientation: int | None = None,
) -> bytes:
    """An image in `kind` (JPEG, PNG, WEBP); with `gps`, EXIF naming a camera and a place."""
    picture = Image.new("RGB", size, colour)
    exif = Image.Exif()
    if gps:
        exif[0x010F] = "Canon"  # Make
        exif[0x0110] = "EOS 5D"  # Model
        # GPSInfo: latitude 13° 45' N, longitude 100° 30' E (Bangkok City Hall).
        exif[0x8825] = {1: "N", 2: (13.0, 45.0, 0.0), 3: "E", 4: (100.0, 30.0, 0.0)}
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    picture.save(out, kind, **({"exif": exif} if len(exif) else {}))
    return out.getvalue()
