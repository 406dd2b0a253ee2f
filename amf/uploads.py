"""Uploaded files: checked by what they contain, stored under random names, served safely.

A file's name and the type the browser claims say nothing about it: a "slides.pdf" may be
a web page, which a browser asked to show it would run as one. So every upload is read:

- its first bytes must be those of a kind the field takes (PDF, JPEG, PNG, WebP, or an
  Office Open XML presentation, document or workbook);
- a PDF must end as one, and carry no web-page markup where browsers look for it;
- an Office file must be a zip whose `[Content_Types].xml` names that kind's main part
  (macro-enabled files name another, and are refused), within a size and an inflation
  ratio, so a "zip bomb" is refused before anything is unpacked;
- an image must decode (Pillow), within a number of pixels, and is encoded anew: what is
  stored holds the pixels only, no EXIF (camera, GPS position), no comment, nothing
  appended after the image's end (a polyglot's payload);
- a photo is also turned upright, reduced to PHOTO_MAX_SIDE pixels and stored as a JPEG.

What is stored is the checked content, under a random name whose extension is the kind
found (never the uploader's name); `stored_file_response` serves it with the kind's
Content-Type, as an attachment (documents) or inline (images), with `nosniff` and a
sandboxing Content-Security-Policy, so that even a file that fooled the checks cannot run
as a page of this site.
"""

import io
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.etree import ElementTree

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import models
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from amf.downloads import file_download


@dataclass(frozen=True)
class Kind:
    """A kind of file the application stores: how it is named, served and described."""

    extension: str
    content_type: str
    label: str
    image: bool = False


PDF = Kind("pdf", "application/pdf", "PDF")
JPEG = Kind("jpg", "image/jpeg", "JPEG", image=True)
PNG = Kind("png", "image/png", "PNG", image=True)
WEBP = Kind("webp", "image/webp", "WebP", image=True)
PPTX = Kind(
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint",
)
DOCX = Kind(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"
)
XLSX = Kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel")

IMAGES = (JPEG, PNG, WEBP)
DOCUMENTS = (PDF, PPTX, DOCX, XLSX, *IMAGES)
KINDS = {kind.extension: kind for kind in DOCUMENTS}

# What Pillow calls each image kind.
PILLOW_FORMATS = {"JPEG": JPEG, "PNG": PNG, "WEBP": WEBP}
# The main part each Office kind's [Content_Types].xml must declare.
OFFICE_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": PPTX,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# Browsers sniff the start of a file (and some its end) for a page; no PDF has these there.
MARKUP = re.compile(rb"<\s*(!doctype|html|head|body|script|iframe|svg|object|embed)\b", re.I)
SNIFFED_BYTES = 4096
# A zip whose parts inflate more than this many times over is refused unread: real Office
# files inflate two to twenty times, a zip bomb thousands of times.
MAX_ZIP_RATIO = 100
MAX_ZIP_ENTRIES = 5000
MAX_CONTENT_TYPES_BYTES = 1024 * 1024
PHOTO_MAX_SIDE = 1200
JPEG_QUALITY = 88


class CheckedUpload(ContentFile):
    """An upload's checked (for images, re-encoded) content, named only by its kind."""

    def __init__(self, content: bytes, kind: Kind):
        super().__init__(content, name=f"upload.{kind.extension}")
        self.kind = kind


def refuse(name: str, message, **params) -> ValidationError:
    return ValidationError(message, params={"name": name, **params})


def upload_check(upload: File, *, kinds: tuple[Kind, ...], photo: bool = False) -> CheckedUpload:
    """Read `upload` and return its content if it is one of `kinds`, else raise ValidationError.

    The message names the file and says what is wrong. Images come back re-encoded without
    their metadata; with `photo`, upright, reduced and as a JPEG.
    """
    name = PurePosixPath(str(upload.name or "")).name or str(_("the file"))
    limit = settings.UPLOAD_MAX_FILE_SIZE
    if upload.size is not None and upload.size > limit:
        raise refuse(
            name,
            _("“%(name)s” is %(size)s; files may be at most %(limit)s."),
            size=filesizeformat(upload.size),
            limit=filesizeformat(limit),
        )
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise refuse(
            name,
            _("“%(name)s” is larger than %(limit)s, the most a file may be."),
            limit=filesizeformat(limit),
        )
    if not content:
        raise refuse(name, _("“%(name)s” is empty."))
    kind = sniff(content)
    if kind is None or kind not in kinds:
        raise refuse(
            name,
            _("“%(name)s” is not a %(kinds)s file (its content was checked, not its name)."),
            kinds=", ".join(dict.fromkeys(str(k.label) for k in kinds)),
        )
    if kind is PDF:
        pdf_check(name, content)
    elif kind.image:
        return image_clean(name, content, kind, photo=photo)
    else:
        office_check(name, content, kind)
    return CheckedUpload(content, kind)


def sniff(content: bytes) -> Kind | None:
    """The kind the content's first bytes announce, or None."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return WEBP
    if content.startswith(b"PK\x03\x04"):
        return office_kind(content)
    return None


def pdf_check(name: str, content: bytes) -> None:
    if b"%%EOF" not in content[-1024:]:
        raise refuse(name, _("“%(name)s” is not a complete PDF file."))
    if MARKUP.search(content[:SNIFFED_BYTES]) or MARKUP.search(content[-SNIFFED_BYTES:]):
        raise refuse(
            name, _("“%(name)s” holds web-page markup as well as a PDF, and is not accepted.")
        )


def office_kind(content: bytes) -> Kind | None:
    """The Office kind a zip's [Content_Types].xml declares, or None (not checked further)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > MAX_CONTENT_TYPES_BYTES:
                return None
            with archive.open(info) as part:
                text = part.read(MAX_CONTENT_TYPES_BYTES + 1)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, EOFError, ValueError):
        return None
    if len(text) > MAX_CONTENT_TYPES_BYTES or b"<!DOCTYPE" in text or b"<!ENTITY" in text:
        return None
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return None
    for override in root.iter(f"{CONTENT_TYPES_NS}Override"):
        kind = OFFICE_MAIN_PARTS.get(override.get("ContentType", ""))
        if kind is not None:
            return kind
    return None


def office_check(name: str, content: bytes, kind: Kind) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        entries = archive.infolist()
        inflated = sum(entry.file_size for entry in entries)
        compressed = sum(entry.compress_size for entry in entries) or 1
        if len(entries) > MAX_ZIP_ENTRIES or inflated > settings.UPLOAD_MAX_UNCOMPRESSED_SIZE:
            raise refuse(
                name,
                _("“%(name)s” unpacks to more than %(limit)s, and is not accepted."),
                limit=filesizeformat(settings.UPLOAD_MAX_UNCOMPRESSED_SIZE),
            )
        if inflated > 1024 * 1024 and inflated / compressed > MAX_ZIP_RATIO:
            raise refuse(
                name,
                _(
                    "“%(name)s” unpacks to %(ratio)d times its size, which no real %(kind)s file "
                    "does; it is not accepted."
                ),
                ratio=inflated // compressed,
                kind=kind.label,
            )
        names = {entry.filename.lower() for entry in entries}
        if any(n.endswith("vbaproject.bin") for n in names):
            raise refuse(name, _("“%(name)s” contains macros, and is not accepted."))


def image_clean(name: str, content: bytes, kind: Kind, *, photo: bool) -> CheckedUpload:
    """The image's pixels encoded anew, without metadata; raise if it is no sound image."""
    try:
        with Image.open(io.BytesIO(content)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(content))
        if PILLOW_FORMATS.get(image.format) is not kind:
            raise refuse(name, _("“%(name)s” is not a sound image file."))
        if image.width * image.height > settings.UPLOAD_MAX_IMAGE_PIXELS:
            raise refuse(
                name,
                _("“%(name)s” has more than %(pixels)s pixels, and is not accepted."),
                pixels=f"{settings.UPLOAD_MAX_IMAGE_PIXELS:,}",
            )
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise refuse(name, _("“%(name)s” is not a sound image file.")) from None
    # Turn the pixels as the camera's orientation tag says, before the tag is dropped.
    image = ImageOps.exif_transpose(image)
    if photo:
        image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
        kind = JPEG
    out = io.BytesIO()
    if kind is JPEG:
        if image.mode != "RGB":
            flat = Image.new("RGB", image.size, "white")
            flat.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
            image = flat
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    elif kind is PNG:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA")
        image.save(out, "WEBP", quality=85)
    return CheckedUpload(out.getvalue(), kind)


@deconstructible
class RandomName:
    """An `upload_to` giving `<folder>/<random>.<kind>`: nothing of the uploader's name."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        extension = PurePosixPath(filename).suffix.lstrip(".").lower()
        if extension not in KINDS:
            extension = "bin"
        return f"{self.folder}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self):
        return hash(self.folder)


def kind_of(name: str) -> Kind | None:
    """The kind of a stored file, from the extension its checked content gave its name."""
    return KINDS.get(PurePosixPath(name).suffix.lstrip(".").lower())


class StoredFileWidget(forms.ClearableFileInput):
    """The admin's file box, naming the stored file's kind rather than linking to storage.

    Stored files are served by the site's own views, with their checks, never from
    MEDIA_URL, so the stock widget's link would lead nowhere.
    """

    template_name = "amf/widgets/stored_file.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        kind = kind_of(value.name) if self.is_initial(value) else None
        context["widget"]["kind"] = kind.label if kind else ""
        return context


class UploadField(forms.FileField):
    """A form's file field that accepts only content of `kinds` (see `upload_check`)."""

    widget = StoredFileWidget

    def __init__(self, *, kinds: tuple[Kind, ...], photo: bool = False, **kwargs):
        self.kinds, self.photo = kinds, photo
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return upload_check(upload, kinds=self.kinds, photo=self.photo)


class CheckedFileField(models.FileField):
    """A model's file, stored under a random name; every model form checks its content."""

    def __init__(self, *args, kinds: tuple[Kind, ...] = DOCUMENTS, photo: bool = False, **kw):
        self.kinds, self.photo = kinds, photo
        super().__init__(*args, **kw)

    def formfield(self, **kwargs):
        # The admin offers its own file widget, whose link would point into storage.
        kwargs["widget"] = StoredFileWidget
        return super().formfield(
            **{**kwargs, "form_class": UploadField, "kinds": self.kinds, "photo": self.photo}
        )


def stored_file_response(field_file, *, filename: str) -> FileResponse:
    """Serve a stored, checked file with headers that keep it from acting as a page.

    Images are shown inline, everything else is downloaded; the Content-Type is the kind
    the content was found to be. Raises FileNotFoundError when storage lacks the file.
    """
    kind = kind_of(field_file.name)
    if kind is None:
        raise FileNotFoundError(field_file.name)
    stored = field_file.storage.open(field_file.name, "rb")
    response = file_download(
        stored,
        filename=f"{filename}.{kind.extension}",
        content_type=kind.content_type,
        inline=kind.image,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Nothing in the file may run, load or be framed, even if a browser renders it as a page.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "public, max-age=3600"
    return response
