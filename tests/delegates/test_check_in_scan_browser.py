"""Checking a delegate in by scanning their badge with the camera, in chromium.

The camera is chromium's fake capture device playing a video made from the badge PDF as
rendered by pdftoppm: the page's own script finds and decodes the QR code in the frames (the
browser's BarcodeDetector where it has one, the bundled jsQR otherwise) and posts it."""

import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image

from delegates.models import Attendance, Participation
from delegates.services.exports import badges_pdf
from tests import factories

PASSWORD = "correct horse battery staple"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
FRAME = (640, 480)


def write_y4m(image: Image.Image, path, frames: int = 10) -> None:
    """Write `image` as a YUV4MPEG2 video (4:2:0, full range as in JPEG), chromium's fake
    camera format: a header, then for each frame its Y plane and its halved Cb and Cr planes."""
    width, height = image.size
    y, cb, cr = image.convert("RGB").convert("YCbCr").split()
    half = (width // 2, height // 2)
    planes = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + planes)


def badge_video(participation, directory):
    """A camera's view of the lower half of the participation's printed badge (where the QR
    code is), on a grey desk, as a .y4m file."""
    pdf = directory / "badge.pdf"
    pdf.write_bytes(badges_pdf(participations=Participation.objects.filter(pk=participation.pk)))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", pdf, directory / "badge"], check=True
    )
    badge = Image.open(directory / "badge.png").convert("RGB")
    lower = badge.crop((0, badge.height // 2, badge.width, badge.height))
    lower.thumbnail((FRAME[0] - 80, FRAME[1] - 60))
    frame = Image.new("RGB", FRAME, (120, 120, 120))
    frame.paste(lower, ((FRAME[0] - lower.width) // 2, (FRAME[1] - lower.height) // 2))
    frame.save(directory / "frame.png")
    write_y4m(frame, directory / "badge.y4m")
    return directory / "badge.y4m"


@pytest.fixture
def aswin():
    return factories.ParticipationFactory(
        person__first_name_en="Aswin", person__last_name_en="Kwanmuang"
    )


@pytest.fixture
def camera(live_site, aswin, tmp_path):
    """A phone-sized chromium page, logged in as staff, whose camera films aswin's badge."""
    from playwright.sync_api import sync_playwright

    factories.SuperuserFactory(username="somchai")
    video = badge_video(aswin, tmp_path)
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=args)
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        page.goto(f"{live_site}/en/admin/login/")
        page.fill("#id_username", "somchai")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url("**/en/admin/")
        yield page
        # Away from the check-in page first, so no scan is still being posted when the
        # live server stops.
        page.goto("about:blank")
        context.close()
        browser.close()


def check_in_path(forum) -> str:
    with translation.override("en"):
        return f"{reverse('admin:delegates_participation_check_in')}?forum={forum.pk}"


def test_a_badge_filmed_by_the_camera_checks_its_delegate_in(live_site, camera, aswin):
    page = camera
    decoder_requests = []
    page.on("request", lambda r: "jsQR" in r.url and decoder_requests.append(r.url))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(f"{live_site}{check_in_path(aswin.forum)}")
    has_detector = page.evaluate("() => 'BarcodeDetector' in window")

    page.get_by_role("button", name="Scan a badge with the camera").click()

    success = page.locator(".messagelist .success")
    success.wait_for(timeout=20_000)
    assert "Kwanmuang" in success.inner_text()
    assert "checked in" in success.inner_text()
    attendance = Attendance.objects.get()
    assert attendance.participation == aswin
    assert attendance.day == aswin.forum.start_date
    assert attendance.checked_in_by.username == "somchai"
    # The code was read from the frames: by the bundled jsQR where chromium has no
    # BarcodeDetector (Debian's has none), loaded from this site.
    print("BarcodeDetector in chromium:", has_detector, "decoder fetched:", decoder_requests)
    if not has_detector:
        assert decoder_requests and all(url.startswith(live_site) for url in decoder_requests)
    # The camera opens again by itself for the next badge; the same badge, still in front of
    # it, is sent again only after a pause, and refused: once a day.
    assert "scan=1" in page.url
    page.locator(".messagelist .error").wait_for(timeout=20_000)
    assert "already checked in" in page.locator(".messagelist .error").inner_text()
    assert Attendance.objects.count() == 1
    assert errors == []


def test_a_badge_of_another_forum_filmed_at_this_door_is_refused(live_site, camera, aswin):
    page = camera
    elsewhere = factories.ForumFactory()
    page.goto(f"{live_site}{check_in_path(elsewhere)}")

    page.get_by_role("button", name="Scan a badge with the camera").click()

    error = page.locator(".messagelist .error")
    error.wait_for(timeout=20_000)
    assert "another forum" in error.inner_text()
    assert not Attendance.objects.exists()
