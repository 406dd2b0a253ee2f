"""Uploads are judged by their content: the right kinds pass, impostors are refused by name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from amf.uploads import DOCUMENTS, IMAGES, JPEG, PDF, PNG, PPTX, WEBP, RandomName, upload_check
from tests import sample_files


@pytest.fixture(autouse=True)
def _english():
    # The messages are checked in English here; the admin tests read them in Thai.
    with translation.override("en"):
        yield


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def refusal(name: str, content: bytes, *, kinds=DOCUMENTS, photo=False) -> str:
    with pytest.raises(ValidationError) as refused:
        upload_check(upload(name, content), kinds=kinds, photo=photo)
    return " ".join(refused.value.messages)


def test_a_pdf_passes_as_a_pdf_and_is_stored_as_it_came():
    checked = upload_check(upload("แถลงการณ์ร่วม.pdf", sample_files.PDF), kinds=DOCUMENTS)

    assert checked.kind is PDF
    assert checked.read() == sample_files.PDF
    # The uploader's name goes nowhere: only the kind's extension is kept.
    assert checked.name == "upload.pdf"


@pytest.mark.parametrize("kind", ["pptx", "docx", "xlsx"])
def test_office_files_pass_by_the_main_part_their_content_types_declare(kind):
    checked = upload_check(upload(f"whatever.{kind}", sample_files.office(kind)), kinds=DOCUMENTS)

    assert checked.kind.extension == kind


def test_a_pdf_that_is_really_a_web_page_is_refused_by_name():
    message = refusal("joint-statement.pdf", sample_files.HTML)

    assert "“joint-statement.pdf” is not a PDF, PowerPoint, Word, Excel, JPEG, PNG, WebP" in message
    assert "its content was checked, not its name" in message


def test_a_pdf_carrying_a_web_page_a_browser_would_sniff_is_refused():
    polyglot = sample_files.PDF.replace(b"%%EOF", sample_files.HTML + b"%%EOF")

    message = refusal("slides.pdf", polyglot)

    assert "“slides.pdf” holds web-page markup as well as a PDF" in message


def test_a_jpeg_with_a_web_page_appended_is_stored_without_it():
    polyglot = sample_files.image("JPEG") + sample_files.HTML

    checked = upload_check(upload("photo.jpg", polyglot), kinds=IMAGES)

    content = checked.read()
    assert b"<script" not in content and b"<html" not in content
    assert Image.open(io.BytesIO(content)).size == (64, 80)


def test_a_pdf_cut_short_is_refused():
    assert "is not a complete PDF file" in refusal("cut.pdf", sample_files.PDF[:60])


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.UPLOAD_MAX_FILE_SIZE = 1000
    big = sample_files.PDF + b"%" * 2000 + b"\n%%EOF\n"

    message = refusal("big.pdf", big)

    assert "“big.pdf” is 2.1\xa0KB; files may be at most 1000" in message


def test_an_empty_file_is_refused():
    assert "“empty.pdf” is empty" in refusal("empty.pdf", b"")


def test_a_zip_bomb_dressed_as_slides_is_refused_unpacked():
    # 50 MB of zeros deflate to about 50 KB: a thousand times over.
    bomb = sample_files.office("pptx", extra={"ppt/media/image1.bin": bytes(50 * 1024 * 1024)})
    assert len(bomb) < 200_000

    message = refusal("deck.pptx", bomb)

    assert "“deck.pptx” unpacks to" in message and "times its size" in message


def test_an_office_file_unpacking_beyond_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_UNCOMPRESSED_SIZE = 100_000
    deck = sample_files.office("pptx", extra={"ppt/media/noise.bin": bytes(range(256)) * 1000})

    assert "“deck.pptx” unpacks to more than 97.7\xa0KB" in refusal("deck.pptx", deck)


def test_a_macro_enabled_presentation_is_refused():
    macro_type = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
    assert "is not a" in refusal("deck.pptx", sample_files.office(main_type=macro_type))
    with_macros = sample_files.office(extra={"ppt/vbaProject.bin": b"\x00" * 10})
    assert "“deck.pptx” contains macros" in refusal("deck.pptx", with_macros)


def test_a_plain_zip_or_a_broken_one_is_no_office_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")

    assert "is not a" in refusal("deck.pptx", buffer.getvalue())
    assert "is not a" in refusal("deck.pptx", b"PK\x03\x04" + b"\x00" * 100)


def test_an_office_file_whose_content_types_declare_entities_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<!DOCTYPE t [<!ENTITY a "aaaa">]><Types>&a;</Types>',
        )

    assert "is not a" in refusal("deck.pptx", buffer.getvalue())


def test_a_kind_the_field_does_not_take_is_refused_naming_what_it_takes():
    message = refusal("portrait.pdf", sample_files.PDF, kinds=IMAGES, photo=True)

    assert "“portrait.pdf” is not a JPEG, PNG, WebP file" in message


def test_an_image_with_gps_and_camera_metadata_is_stored_without_any():
    original = sample_files.image("JPEG", gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)

    checked = upload_check(upload("IMG_0001.jpg", original), kinds=IMAGES)

    stored = Image.open(io.BytesIO(checked.read()))
    assert checked.kind is JPEG
    assert dict(stored.getexif()) == {}
    assert b"Canon" not in checked.read() and b"EOS 5D" not in checked.read()


def test_a_photo_is_turned_upright_reduced_and_stored_as_a_jpeg():
    # A PNG taken sideways (EXIF orientation 6: turn 90° clockwise), 3000 × 2000 pixels.
    sideways = sample_files.image("PNG", size=(3000, 2000), orientation=6)

    checked = upload_check(upload("portrait.png", sideways), kinds=IMAGES, photo=True)

    stored = Image.open(io.BytesIO(checked.read()))
    assert checked.kind is JPEG and stored.format == "JPEG"
    assert stored.size == (800, 1200)
    assert dict(stored.getexif()) == {}


@pytest.mark.parametrize(("fmt", "kind"), [("PNG", PNG), ("WEBP", WEBP)])
def test_an_image_keeps_its_kind_whatever_its_name_says(fmt, kind):
    checked = upload_check(upload("picture.jpg", sample_files.image(fmt)), kinds=DOCUMENTS)

    assert checked.kind is kind
    assert Image.open(io.BytesIO(checked.read())).format == fmt


def test_an_image_cut_short_is_refused():
    cut = sample_files.image("PNG", size=(400, 400))[:200]

    assert "“cut.png” is not a sound image file" in refusal("cut.png", cut, kinds=IMAGES)


def test_an_image_of_too_many_pixels_is_refused(settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1000

    assert "has more than 1,000 pixels" in refusal("huge.png", sample_files.image("PNG"))


def test_stored_names_are_random_and_carry_only_the_kind():
    name = RandomName("documents")

    first = name(None, "upload.pptx")
    second = name(None, "upload.pptx")

    assert first.startswith("documents/") and first.endswith(".pptx")
    assert first != second
    assert name(None, "../../etc/passwd").endswith(".bin")
    assert PPTX.extension == "pptx"
