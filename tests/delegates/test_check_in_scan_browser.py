"""Checking a delegate in by scanning their badge with the camera, in chromium.

The camera is chromium's fake capture device playing a video made from the badge PDF as
rendered by pdftoppm: the page's own script finds and decodes the QR code in the frames (the
browser's BarcodeDetector where it has one, the bundled jsQR otherwise) and posts it."""

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

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
def staff(live_site):
    return factories.SuperuserFactory(username="somchai")


@contextmanager
def phone(live_site, video):
    """A phone-sized chromium page, logged in as staff, whose camera films the .y4m `video`.

    Everything the database needs is made before, and checked after: queries from inside
    Playwright's event loop would open a connection the test database's teardown cannot see.
    """
    from playwright.sync_api import sync_playwright

    args = [
        *CHROMIUM_ARGS,
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=args)
        page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
        page.goto(f"{live_site}/en/admin/login/")
        page.fill("#id_username", "somchai")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url("**/en/admin/")
        try:
            yield page
        finally:
            # Away from the check-in page first, so that no scan is still being posted
            # when the live server stops.
            page.goto("about:blank")
            browser.close()


def check_in_path(forum) -> str:
    with translation.override("en"):
        return f"{reverse('admin:delegates_participation_check_in')}?forum={forum.pk}"


def test_a_badge_filmed_by_the_camera_checks_its_delegate_in(live_site, staff, aswin, tmp_path):
    video = badge_video(aswin, tmp_path)
    url = f"{live_site}{check_in_path(aswin.forum)}&q=Kwanmuang"
    decoder_requests, errors = [], []

    with phone(live_site, video) as page:
        page.on("request", lambda r: "jsQR" in r.url and decoder_requests.append(r.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(url)
        has_detector = page.evaluate("() => 'BarcodeDetector' in window")

        page.get_by_role("button", name="Scan a badge with the camera").click()

        success = page.locator(".messagelist .success")
        success.wait_for(timeout=20_000)
        checked_in = success.inner_text()
        if screenshots := os.environ.get("AMF_SCREENSHOTS"):
            page.screenshot(path=Path(screenshots) / "check-in-360-en-scanned.png")
        row = page.locator(".check-in-results tbody tr").inner_text()
        resumed_url = page.url
        # The camera opens again by itself for the next badge; the same badge, still in
        # front of it, is sent again only after a pause, and refused: once a day.
        page.locator(".messagelist .error").wait_for(timeout=20_000)
        twice = page.locator(".messagelist .error").inner_text()

    assert "Mr. Aswin Kwanmuang checked in for 26 August 2019." in checked_in
    assert "Checked in at" in row and "by somchai" in row
    assert "scan=1" in resumed_url
    assert "Mr. Aswin Kwanmuang is already checked in on that day." in twice
    attendance = Attendance.objects.get()
    assert (attendance.participation, attendance.day) == (aswin, aswin.forum.start_date)
    assert attendance.checked_in_by.username == "somchai"
    # The code was read from the frames: by the bundled jsQR, from this site, where chromium
    # has no BarcodeDetector (Debian's has none).
    print("BarcodeDetector in chromium:", has_detector, "decoder fetched:", decoder_requests)
    if not has_detector:
        assert decoder_requests and all(url.startswith(live_site) for url in decoder_requests)
    assert errors == []


def test_a_badge_of_another_forum_filmed_at_this_door_is_refused(live_site, staff, aswin, tmp_path):
    video = badge_video(aswin, tmp_path)
    elsewhere = check_in_path(factories.ForumFactory())

    with phone(live_site, video) as page:
        page.goto(f"{live_site}{elsewhere}")
        page.get_by_role("button", name="Scan a badge with the camera").click()
        error = page.locator(".messagelist .error")
        error.wait_for(timeout=20_000)
        refused = error.inner_text()

    assert "That badge is for another forum" in refused
    assert not Attendance.objects.exists()


OVERFLOW = """() => {
    const page = document.documentElement;
    const wide = [...document.querySelectorAll("#content *")]
        .filter(el => el.getBoundingClientRect().right > page.clientWidth + 1)
        .map(el => el.tagName + "." + el.className);
    return {wider: page.scrollWidth > page.clientWidth, wide};
}"""
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def test_the_check_in_page_fits_a_360_px_phone_with_the_camera_open_in_thai_and_english(
    live_site, staff, aswin, tmp_path
):
    """Saves its screenshots in $AMF_SCREENSHOTS when that names a directory."""
    from axe_playwright_python.sync_playwright import Axe

    desk = Image.new("RGB", FRAME, (120, 120, 120))
    write_y4m(desk, tmp_path / "desk.y4m")
    screenshots = Path(os.environ.get("AMF_SCREENSHOTS") or tmp_path)
    path = check_in_path(aswin.forum)
    misfits, violations = {}, {}
    looking = {"th": "ถือคิวอาร์โค้ดบนบัตรประจำตัวไว้หน้ากล้อง", "en": "Hold the QR code"}
    with phone(live_site, tmp_path / "desk.y4m") as page:
        for language, status in looking.items():
            page.goto(f"{live_site}{path.replace('/en/', f'/{language}/', 1)}&q=Kwanmuang")
            page.locator(".check-in-camera").click()
            page.locator(".check-in-viewfinder video").wait_for(state="visible")
            page.wait_for_function("() => document.querySelector('video').videoWidth > 0")
            page.locator(".check-in-scan-status", has_text=status).wait_for()
            page.screenshot(path=screenshots / f"check-in-360-{language}.png", full_page=True)
            if (found := page.evaluate(OVERFLOW))["wider"]:
                misfits[language] = found["wide"]
            result = Axe().run(page, options=WCAG_21_AA)
            if result.violations_count:
                violations[language] = [v["id"] for v in result.response["violations"]]

    assert misfits == {}
    assert violations == {}
    assert not Attendance.objects.exists()
