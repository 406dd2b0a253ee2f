"""The demo programme in Debian's chromium on a phone: languages, saved sessions, calendar."""

import re

import pytest
from django.core.management import call_command
from icalendar import Calendar
from playwright.sync_api import expect

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def demo_site(live_site):
    """The demo forum, served with its static files."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_site


@pytest.fixture
def phone(chromium):
    """A page in a phone-sized window, recording console errors and uncaught exceptions."""
    context = chromium.new_context(viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_delegate_reads_the_thai_programme_on_a_phone_and_switches_to_english(demo_site, phone):
    phone.goto(f"{demo_site}/th/forums/amf-2019/programme/")

    expect(phone.locator("html")).to_have_attribute("lang", "th")
    expect(phone.get_by_role("heading", level=1)).to_have_text("กำหนดการ")
    expect(phone.get_by_role("heading", name="วันจันทร์ 26 สิงหาคม 2562")).to_be_visible()
    expect(phone.get_by_role("link", name="พิธีกล่าวต้อนรับผู้เข้าร่วมการประชุม")).to_be_visible()
    assert fits_the_screen(phone)

    phone.get_by_role("link", name="English").click()

    expect(phone).to_have_url(f"{demo_site}/en/forums/amf-2019/programme/")
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.get_by_role("heading", name="Monday 26 August 2019")).to_be_visible()
    expect(phone.get_by_role("link", name="Welcome remarks")).to_be_visible()
    assert fits_the_screen(phone)
    assert phone.errors == []


def test_a_delegate_saves_two_sessions_sees_them_in_my_programme_and_downloads_them(
    demo_site, phone, tmp_path
):
    phone.goto(f"{demo_site}/en/forums/amf-2019/programme/")
    buttons = phone.locator("button[data-star]")
    expect(buttons).to_have_count(2)

    for index in range(2):
        buttons.nth(index).click()
        expect(buttons.nth(index)).to_have_attribute("aria-pressed", "true")
    expect(buttons.first).to_contain_text("Saved in my programme")

    phone.reload()
    expect(buttons.nth(1)).to_have_attribute("aria-pressed", "true")
    phone.get_by_role("link", name="My programme").click()

    expect(phone).to_have_url(re.compile(r"/en/forums/amf-2019/programme/mine/\?sessions=\d+,\d+$"))
    expect(phone.get_by_role("link", name="Welcome remarks")).to_be_visible()
    expect(phone.get_by_role("link", name="Opening address")).to_be_visible()
    assert fits_the_screen(phone)

    with phone.expect_download() as download:
        phone.get_by_role("link", name="Download my calendar (.ics)").click()
    path = tmp_path / "mine.ics"
    download.value.save_as(path)
    calendar = Calendar.from_ical(path.read_bytes())

    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == [
        "Opening address",
        "Welcome remarks",
    ]
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Bangkok"
    assert phone.errors == []


def test_removing_a_session_from_my_programme_takes_it_off_the_page(demo_site, phone):
    phone.goto(f"{demo_site}/th/forums/amf-2019/programme/")
    phone.locator("button[data-star]").first.click()
    phone.get_by_role("link", name="กำหนดการของฉัน").click()
    expect(phone.locator("button[data-star]")).to_have_count(1)

    phone.locator("button[data-star]").first.click()

    expect(phone.get_by_text("ท่านยังไม่ได้บันทึกช่วงการประชุมใด")).to_be_visible()
    assert phone.errors == []
