"""Slides and a speaker's photo on the demo forum, in Debian's chromium on a 360 px phone."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from delegates.models import Participation
from events.models import OutcomeDocument, Session, SessionMaterial
from events.services import object_save
from tests import sample_files

PHONE = {"width": 360, "height": 740}
SCREENS = Path("/work/notes/screens/files")


def portrait() -> bytes:
    """A drawn head-and-shoulders portrait, with GPS metadata a phone camera would add."""
    picture = Image.new("RGB", (600, 750), "#c9d6e3")
    draw = ImageDraw.Draw(picture)
    draw.ellipse((180, 120, 420, 400), fill="#8d5a3b")
    draw.ellipse((90, 430, 510, 900), fill="#0b4f8a")
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (13.0, 45.0, 0.0), 3: "E", 4: (100.0, 30.0, 0.0)}
    picture.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def site_with_files(live_site, media):
    """The demo forum with more materials on its first session, and a consenting speaker's photo."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    session = Session.objects.filter(forum__slug="amf-2019").order_by("starts_at", "pk").first()
    for title_th, title_en, content, name in [
        ("สไลด์โครงการเมืองอัจฉริยะ", "Smart city programme: slides", sample_files.office(), "a.pptx"),
        ("เอกสารสรุปประเด็น", "Briefing note", sample_files.PDF, "b.pdf"),
    ]:
        object_save(
            obj=SessionMaterial(
                session=session,
                title_th=title_th,
                title_en=title_en,
                file=ContentFile(content, name=name),
                is_public=True,
            )
        )
    document = OutcomeDocument.objects.filter(forum=session.forum).first()
    document.file = ContentFile(sample_files.PDF, name="upload.pdf")
    object_save(obj=document)
    role = session.roles.order_by("pk").first()
    person = role.person
    from amf.uploads import IMAGES, upload_check

    person.photo = upload_check(ContentFile(portrait(), name="p.jpg"), kinds=IMAGES, photo=True)
    object_save(obj=person)
    participation = Participation.objects.get(forum=session.forum, person=person)
    participation.consents_to_photographs = True
    object_save(obj=participation)
    return live_site, session, person


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def shoot(page, name: str) -> None:
    if SCREENS.parent.is_dir():
        SCREENS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENS / name), full_page=True)


def photo_loaded(locator) -> bool:
    return locator.evaluate("img => img.complete && img.naturalWidth > 0")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_the_session_page_offers_its_slides_and_shows_the_consenting_speakers_photo(
    site_with_files, phone, tmp_path
):
    base, session, person = site_with_files
    for language in ("th", "en"):
        phone.goto(f"{base}/{language}/forums/amf-2019/sessions/{session.pk}/")
        heading = "เอกสารประกอบการนำเสนอ" if language == "th" else "Presentations and documents"
        expect(phone.get_by_role("heading", name=heading)).to_be_visible()
        photo = phone.locator(f"img[src*='/speakers/{person.pk}/photo']")
        expect(photo).to_have_count(1)
        photo.scroll_into_view_if_needed()
        phone.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
        )
        assert fits_the_screen(phone)
        shoot(phone, f"session-{language}-360.png")
    assert phone.errors == []

    with phone.expect_download() as download:
        phone.get_by_role("link", name="Download (PowerPoint,").first.click()
    saved = tmp_path / "slides.pptx"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "Smart city programme  slides.pptx"
    assert saved.read_bytes().startswith(b"PK\x03\x04")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_the_speaker_page_shows_the_photo_without_its_gps_on_a_phone(site_with_files, phone):
    base, _session, person = site_with_files
    for language in ("th", "en"):
        phone.goto(f"{base}/{language}/forums/amf-2019/speakers/{person.pk}/")
        photo = phone.locator(".speaker-detail img.photo")
        expect(photo).to_be_visible()
        phone.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
        )
        assert fits_the_screen(phone)
        shoot(phone, f"speaker-{language}-360.png")
    served = phone.request.get(
        photo.get_attribute("src")
        if photo.get_attribute("src").startswith("http")
        else base + photo.get_attribute("src")
    )
    assert served.headers["content-type"] == "image/jpeg"
    assert served.headers["x-content-type-options"] == "nosniff"
    assert dict(Image.open(io.BytesIO(served.body())).getexif()) == {}
    phone.goto(f"{base}/en/forums/amf-2019/speakers/")
    shoot(phone, "speakers-en-360.png")
    phone.goto(f"{base}/th/forums/amf-2019/")
    expect(phone.get_by_role("heading", name="เอกสารผลการประชุม")).to_be_visible()
    expect(phone.get_by_role("link", name="ดาวน์โหลด (PDF,")).to_be_visible()
    assert fits_the_screen(phone)
    shoot(phone, "forum-th-360.png")
    assert phone.errors == []
