"""Registering on a 360-px phone in Thai and in English, in a real browser: no JavaScript
needed, no horizontal scrolling, nothing the strict CSP blocks, and axe finds no WCAG 2.1
A or AA violation. Screenshots go to $AMF_SCREENSHOTS (or the test's temporary folder)."""

import datetime as dt
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from delegates.models import Participation
from tests.factories import ForumFactory, ForumRegistrationFactory

PHONE = {"width": 360, "height": 740}
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PEOPLE = {
    "th": {
        "honorific": "นางสาว",
        "first_name_th": "กมลชนก",
        "last_name_th": "ศรีสุข",
        "position": "นักวิเทศสัมพันธ์ชำนาญการ",
        "organisation": "เทศบาลนครเชียงใหม่",
        "email": "kamonchanok@example.org",
        "phone": "+66 81 555 0101",
        "country": "ไทย",
        "submit": "ส่งการลงทะเบียน",
        "done": "เราได้รับการลงทะเบียนของท่านแล้ว",
        "register": "ลงทะเบียนเข้าร่วมการประชุมนี้",
    },
    "en": {
        "honorific": "Dr.",
        "first_name_en": "Maria",
        "last_name_en": "Santos",
        "position": "Mayor",
        "organisation": "City of Iloilo",
        "email": "maria.santos@example.ph",
        "phone": "+63 33 123 4567",
        "country": "Philippines",
        "submit": "Send my registration",
        "done": "We have your registration.",
        "register": "Register for this forum",
    },
}


@pytest.fixture
def screens(tmp_path) -> Path:
    folder = Path(os.environ.get("AMF_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def forum(live_site, monkeypatch):
    # A person takes seconds to fill the form; the test takes less than the spam check's 3.
    monkeypatch.setattr("amf.spam.MIN_FILL_SECONDS", 0)
    start = timezone.localdate() + dt.timedelta(days=40)
    forum = ForumFactory(
        slug="amf-2026",
        title_th="การประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 7",
        title_en="The 7th ASEAN Mayors Forum",
        start_date=start,
        end_date=start + dt.timedelta(days=2),
    )
    ForumRegistrationFactory(forum=forum, capacity=200)
    return live_site, forum


@pytest.mark.parametrize("language", ["th", "en"])
def test_a_delegate_registers_on_a_phone(forum, chromium, screens, language):
    site, forum = forum
    person = PEOPLE[language]
    phone = chromium.new_page(viewport=PHONE, java_script_enabled=False)
    blocked = []
    phone.on("console", lambda message: blocked.append(message.text))

    phone.goto(f"{site}/{language}/forums/{forum.slug}/programme/")
    phone.screenshot(path=screens / f"programme-{language}.png", full_page=True)
    assert phone.get_by_role("link", name=person["register"]).count() == 1
    phone.goto(f"{site}/{language}/forums/{forum.slug}/")
    phone.screenshot(path=screens / f"forum-{language}.png", full_page=True)
    phone.get_by_role("link", name=person["register"]).click()
    phone.screenshot(path=screens / f"form-{language}.png", full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # First without a name, to see the message at the field.
    phone.fill("#id_email", person["email"])
    phone.fill("#id_organisation", person["organisation"])
    phone.select_option("#id_country", label=person["country"])
    phone.get_by_role("button", name=person["submit"]).click()
    phone.screenshot(path=screens / f"form-errors-{language}.png", full_page=True)
    assert phone.locator(".registration__field--error").count() == 1

    for field in ("honorific", "position", "phone", "first_name_th", "last_name_th",
                  "first_name_en", "last_name_en"):  # fmt: skip
        if field in person:
            phone.fill(f"#id_{field}", person[field])
    phone.check("#id_consents_to_public_listing")
    phone.get_by_role("button", name=person["submit"]).click()

    phone.wait_for_url(f"**/{language}/forums/{forum.slug}/register/done/")
    assert person["done"] in phone.inner_text("main")
    phone.screenshot(path=screens / f"done-{language}.png", full_page=True)
    participation = Participation.objects.get(person__email=person["email"])
    assert participation.registration_status == "registered"
    assert participation.consents_to_public_listing and not participation.consents_to_photographs
    assert participation.person.language == language
    assert not [text for text in blocked if "Content Security Policy" in text]
    phone.close()


def test_the_registration_pages_pass_axe_in_thai_and_english(forum, chromium):
    site, forum = forum
    axe = Axe()
    phone = chromium.new_page(viewport=PHONE)
    violations = {}

    for language in ("th", "en"):
        for path in ("register/", "register/done/"):
            phone.goto(f"{site}/{language}/forums/{forum.slug}/{path}")
            for rule in axe.run(phone, options=WCAG_21_AA).response["violations"]:
                violations[f"{language} {path}: {rule['id']}"] = [
                    node["target"] for node in rule["nodes"]
                ][:3]

    assert violations == {}
    phone.close()
