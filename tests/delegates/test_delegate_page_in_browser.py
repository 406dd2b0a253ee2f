"""The delegate's page in a real browser on a 360-px phone, Thai and English, JavaScript off:
open the link, accept, add an accompanying person, withdraw a consent; nothing overflows the
screen, the strict CSP refuses nothing, and axe-core finds no WCAG 2.1 A or AA violation."""

import datetime as dt
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from delegates.models import Participation
from delegates.services.links import access_link_issue, access_link_url
from tests.factories import ForumFactory, ParticipationFactory, PersonFactory

PHONE = {"width": 360, "height": 740}
SCREENS = Path("/work/notes/screens/page")
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
WORDS = {
    "en": {
        "accept": "Yes, I accept the invitation",
        "send": "Send my reply",
        "add": "Add a person to my delegation",
        "given": "Given name",
        "listing": "Their name may appear on the forum's public pages",
        "add_button": "Add this person",
        "photographs": "Photographs of me may be taken and published",
        "save_consents": "Save my consents",
        "accepted": "You accepted on",
    },
    "th": {
        "accept": "ใช่ ฉันตอบรับคำเชิญ",
        "send": "ส่งคำตอบของฉัน",
        "add": "เพิ่มผู้ร่วมคณะของฉัน",
        "given": "ชื่อ",
        "listing": "เผยแพร่ชื่อของผู้นี้บนหน้าสาธารณะของการประชุมได้",
        "add_button": "เพิ่มผู้นี้",
        "photographs": "ถ่ายภาพและเผยแพร่ภาพของฉันได้",
        "save_consents": "บันทึกความยินยอมของฉัน",
        "accepted": "คุณตอบรับเมื่อ",
    },
}


def invitation(language: str) -> tuple[Participation, str]:
    today = timezone.localdate()
    forum = ForumFactory(
        title_th="การประชุมผู้ว่าราชการและนายกเทศมนตรีอาเซียน ครั้งที่ 6",
        title_en="6th ASEAN Mayors Forum",
        start_date=today + dt.timedelta(days=30),
        end_date=today + dt.timedelta(days=32),
    )
    person = PersonFactory(
        honorific_th="นาย",
        first_name_th="อนันต์",
        last_name_th="รัตนวงศ์",
        honorific_en="Mr.",
        first_name_en="Anan",
        last_name_en="Rattanawong",
    )
    participation = ParticipationFactory(
        forum=forum,
        person=person,
        role=Participation.Role.HEAD_OF_DELEGATION,
        registration_status=Participation.RegistrationStatus.INVITED,
        consents_to_public_listing=True,
        consents_to_photographs=True,
    )
    link = access_link_issue(participation=participation)
    return participation, access_link_url(link=link, language=language)


def no_overflow(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("language", ["th", "en"])
def test_a_delegate_replies_on_a_phone_without_javascript(live_site, chromium, settings, language):
    settings.SITE_URL = live_site
    participation, url = invitation(language)
    words = WORDS[language]
    context = chromium.new_context(
        viewport=PHONE,
        java_script_enabled=False,
        locale="th-TH" if language == "th" else "en-GB",
    )
    phone = context.new_page()
    refused = []
    phone.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    phone.goto(url)
    phone.screenshot(path=SCREENS / f"{language}-1-opened.png", full_page=True)
    assert no_overflow(phone)

    phone.get_by_label(words["accept"], exact=True).check()
    phone.get_by_role("button", name=words["send"]).click()
    assert words["accepted"] in phone.content()

    delegation = phone.locator("#add_member")
    delegation.get_by_text(words["add"]).click()
    delegation.get_by_label(words["given"], exact=True).fill("สุดา" if language == "th" else "Suda")
    delegation.get_by_label(words["listing"]).check()
    delegation.get_by_role("button", name=words["add_button"]).click()
    phone.screenshot(path=SCREENS / f"{language}-2-delegation.png", full_page=True)
    assert no_overflow(phone)

    consents = phone.locator("#consents")
    consents.get_by_label(words["photographs"]).uncheck()
    consents.get_by_role("button", name=words["save_consents"]).click()
    phone.screenshot(path=SCREENS / f"{language}-3-consent-withdrawn.png", full_page=True)
    assert no_overflow(phone)
    context.close()

    participation.refresh_from_db()
    member = Participation.objects.select_related("person").get(accompanies=participation)
    assert participation.response == "accepted"
    assert participation.registration_status == "confirmed"
    assert participation.consents_to_photographs is False
    assert participation.consents_to_public_listing is True
    assert participation.photograph_consent_recorded_on == timezone.localdate()
    assert member.consents_to_public_listing is True
    assert getattr(member.person, f"first_name_{language}") in ("สุดา", "Suda")
    assert refused == []


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_delegates_page_passes_axe(live_site, chromium, settings, language):
    settings.SITE_URL = live_site
    _participation, url = invitation(language)
    phone = chromium.new_page(viewport=PHONE)
    phone.goto(url)

    violations = Axe().run(phone, options=WCAG_21_AA).response["violations"]
    phone.close()

    assert [(rule["id"], [node["target"] for node in rule["nodes"]]) for rule in violations] == []
