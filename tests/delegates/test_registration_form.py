"""Registering for a forum on its public form: open, closed, full, duplicate, spam."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from amf import spam
from delegates.models import Country, Participation, Person, SelfRegistration
from delegates.registration_forms import REGISTRATION, REGISTRATION_RATE_LIMIT
from tests.factories import (
    ForumFactory,
    ForumRegistrationFactory,
    ParticipationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def settings_row():
    return ForumRegistrationFactory(forum=ForumFactory(slug="amf-2026"), capacity=50)


def url(forum, language="th", name="delegates:register"):
    with translation.override(language):
        return reverse(name, args=[forum.slug])


def token(seconds_ago: float = 30) -> str:
    """The form's token as if the page had been shown `seconds_ago` seconds ago."""
    then = timezone.now() - dt.timedelta(seconds=seconds_ago)
    with mock.patch("django.utils.timezone.now", return_value=then):
        return spam.issue_token(purpose=REGISTRATION)


def form(**overrides) -> dict:
    return {
        "honorific": "นางสาว",
        "first_name_th": "กมลชนก",
        "last_name_th": "ศรีสุข",
        "first_name_en": "",
        "last_name_en": "",
        "position": "นักวิเทศสัมพันธ์",
        "organisation": "เทศบาลนครเชียงใหม่",
        "country": Country.objects.get(code="TH").pk,
        "email": "kamonchanok@example.org",
        "phone": "+66 81 555 0101",
        "role": "delegate",
        "website": "",
        "issued": token(),
        **overrides,
    }


def text(response) -> str:
    # Thai is laid out word by word (<wbr>, <span class="nobr">); the words read as one text.
    html = re.sub(r"<wbr>|</?span[^>]*>", "", response.content.decode())
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_open_form_asks_everything_with_consents_unticked_and_no_inline_code(
    client, settings_row
):
    response = client.get(url(settings_row.forum))
    html = response.content.decode()

    assert response.status_code == 200
    for name in ("honorific", "first_name_th", "first_name_en", "position", "organisation",
                 "country", "email", "phone", "role", "issued"):  # fmt: skip
        assert f'name="{name}"' in html
    assert re.search(r'<input type="checkbox" name="consents_to_public_listing" id="[^"]+">', html)
    assert re.search(r'<input type="checkbox" name="consents_to_photographs" id="[^"]+">', html)
    assert 'type="tel"' in html and 'type="email"' in html
    assert "ประกาศความเป็นส่วนตัว" in text(response)  # the PDPA notice
    assert "เปิดรับลงทะเบียนสำหรับผู้แทนเมืองสมาชิก" in text(response)  # the forum's note
    assert re.search(r'class="registration__trap" aria-hidden="true">.*name="website"', html, re.S)
    assert (
        "<script" not in html
        and "style=" not in html
        and " on" not in re.sub(r'"[^"]*"', "", html).replace(" one", "")
    )
    assert "no-store" in response["Cache-Control"]


def test_a_registration_makes_a_new_person_and_a_participation_awaiting_approval(
    client, settings_row
):
    response = client.post(
        url(settings_row.forum), form(consents_to_public_listing="on"), follow=True
    )

    assert response.redirect_chain == [
        (url(settings_row.forum, name="delegates:register_done"), 303)
    ]
    assert "เราได้รับการลงทะเบียนของท่านแล้ว" in text(response)
    participation = Participation.objects.get(forum=settings_row.forum)
    person = participation.person
    assert (person.first_name_th, person.last_name_th, person.honorific_th) == (
        "กมลชนก", "ศรีสุข", "นางสาว",
    )  # fmt: skip
    assert (person.email, person.phone, person.position_th) == (
        "kamonchanok@example.org", "+66 81 555 0101", "นักวิเทศสัมพันธ์",
    )  # fmt: skip
    assert participation.registration_status == Participation.RegistrationStatus.REGISTERED
    assert participation.role == Participation.Role.DELEGATE
    assert participation.country.code == "TH"
    today = timezone.localdate()
    assert (participation.consents_to_public_listing, participation.consent_recorded_on) == (
        True, today,
    )  # fmt: skip
    assert (
        participation.consents_to_photographs,
        participation.photograph_consent_recorded_on,
    ) == (False, today)
    registration = SelfRegistration.objects.get(participation=participation)
    assert registration.organisation_name == "เทศบาลนครเชียงใหม่"
    assert person.language == "th"  # the office writes to them in the form's language
    # The audit trail names no staff user: the registrant made it.
    for history in (person.history.get(), participation.history.get()):
        assert history.history_user is None
        assert history.history_change_reason == "ลงทะเบียนผ่านแบบฟอร์มสาธารณะ (โดยผู้ลงทะเบียน)"
    assert "kamonchanok@example.org" not in response.content.decode()


def test_a_registrant_may_write_only_an_english_name_on_the_english_form(client, settings_row):
    data = form(honorific="Dr.", first_name_th="", last_name_th="", first_name_en="Maria",
                last_name_en="Santos", position="Mayor", email="maria@example.ph",
                country=Country.objects.get(code="PH").pk, role="head_of_delegation")  # fmt: skip

    response = client.post(url(settings_row.forum, "en"), data)

    assert response.status_code == 303
    person = Person.objects.get(email="maria@example.ph")
    assert (person.honorific_en, person.first_name_en, person.position_en) == (
        "Dr.", "Maria", "Mayor",
    )  # fmt: skip
    assert person.language == "en"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"first_name_th": "", "first_name_en": ""}, "กรุณากรอกชื่อเป็นภาษาไทยหรือภาษาอังกฤษ"),
        ({"email": "not-an-email"}, "อีเมล"),
        ({"phone": "call me"}, "กรุณากรอกหมายเลขโทรศัพท์เป็นตัวเลข"),
        ({"country": "999999"}, "กรุณาเลือกประเทศจากรายการ"),
        ({"role": "host"}, "host"),
        ({"organisation": ""}, "organisation"),
    ],
)
def test_a_bad_registration_is_refused_with_a_message_naming_the_field(
    client, settings_row, data, message
):
    response = client.post(url(settings_row.forum), form(**data))

    assert response.status_code == 400
    body = response.content.decode()
    assert message in body or "registration__field--error" in body
    assert "กรุณาแก้ไขช่องที่ทำเครื่องหมายไว้ด้านล่าง" in text(response)
    assert not Participation.objects.exists()


def test_before_opening_the_page_says_when_and_a_posted_form_is_refused(client, settings_row):
    settings_row.opens_at = timezone.now() + dt.timedelta(days=2)
    settings_row.save()

    page = client.get(url(settings_row.forum))
    posted = client.post(url(settings_row.forum), form())

    assert page.status_code == 200
    assert "ยังไม่เปิดรับลงทะเบียน" in text(page)
    assert 'name="email"' not in page.content.decode()
    assert posted.status_code == 403
    assert "ยังไม่เปิดรับลงทะเบียน" in text(posted)
    assert not Participation.objects.exists()


def test_after_closing_a_posted_form_is_refused(client, settings_row):
    settings_row.closes_at = timezone.now() - dt.timedelta(minutes=1)
    settings_row.save()

    posted = client.post(url(settings_row.forum, "en"), form())

    assert posted.status_code == 403
    assert "Registration for this forum has closed." in text(posted)
    assert not Participation.objects.exists()


def test_a_full_forum_counts_registered_and_confirmed_but_not_invited_or_cancelled(
    client, settings_row
):
    settings_row.capacity = 2
    settings_row.save()
    forum = settings_row.forum
    ParticipationFactory(forum=forum, registration_status="invited")
    ParticipationFactory(forum=forum, registration_status="cancelled")
    ParticipationFactory(forum=forum, registration_status="confirmed")

    first = client.post(url(forum), form())
    second = client.post(url(forum, "en"), form(email="second@example.org"))

    assert first.status_code == 303
    assert second.status_code == 409
    assert "Registration is full" in text(second)
    assert Participation.objects.filter(forum=forum, registration_status="registered").count() == 1
    assert "Registration is full" in text(client.get(url(forum, "en")))


def test_a_second_registration_with_the_same_address_is_answered_alike_and_changes_nothing(
    client, settings_row
):
    first = client.post(url(settings_row.forum), form())
    again = client.post(
        url(settings_row.forum),
        form(email="KAMONCHANOK@example.org", first_name_th="คนอื่น", phone="+66 2 999 9999"),
    )

    assert again.status_code == first.status_code == 303
    assert again["Location"] == first["Location"]
    person = Person.objects.get()
    assert (person.first_name_th, person.phone) == ("กมลชนก", "+66 81 555 0101")


def test_an_address_already_invited_by_staff_is_answered_alike_and_their_record_is_untouched(
    client, settings_row
):
    invited = ParticipationFactory(
        forum=settings_row.forum,
        registration_status="invited",
        person=PersonFactory(email="kamonchanok@example.org", phone="+66 2 000 0000"),
    )

    response = client.post(url(settings_row.forum), form(), follow=True)

    assert response.status_code == 200
    assert Participation.objects.get() == invited
    invited.person.refresh_from_db()
    assert invited.person.phone == "+66 2 000 0000"
    assert invited.person.first_name_th not in response.content.decode()


def test_a_known_address_from_another_forum_makes_a_new_person_never_a_merge(client, settings_row):
    known = PersonFactory(email="kamonchanok@example.org", phone="+66 2 000 0000")
    ParticipationFactory(person=known)

    client.post(url(settings_row.forum), form())

    assert Person.objects.filter(email="kamonchanok@example.org").count() == 2
    known.refresh_from_db()
    assert (known.phone, known.first_name_th) != ("+66 81 555 0101", "กมลชนก")
    new = Participation.objects.get(forum=settings_row.forum).person
    assert new != known


@pytest.mark.parametrize(
    "arrange",
    ["unpublished", "no settings", "not open"],
)
def test_a_forum_taking_no_registrations_answers_404(client, settings_row, arrange):
    forum = settings_row.forum
    if arrange == "unpublished":
        forum.is_published = False
        forum.save()
    elif arrange == "no settings":
        settings_row.delete()
    else:
        settings_row.is_open = False
        settings_row.save()

    assert client.get(url(forum)).status_code == 404
    assert client.post(url(forum), form()).status_code == 404
    assert not Participation.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (lambda: {"website": "http://spam.example"}, "ดูเหมือนการลงทะเบียนอัตโนมัติ"),
        (lambda: {"issued": token(0)}, "รวดเร็วมาก"),
        (lambda: {"issued": "forged"}, "แบบฟอร์มหมดอายุ"),
        (lambda: {"issued": spam.issue_token(purpose="reports.feedback")}, "แบบฟอร์มหมดอายุ"),
    ],
    ids=["honeypot", "too fast", "forged token", "another form's token"],
)
def test_spam_is_refused_and_nothing_is_stored(client, settings_row, data, message):
    response = client.post(url(settings_row.forum), form(**data()))

    assert response.status_code == 400
    assert message in text(response)
    assert not Participation.objects.exists()


def test_too_many_registrations_from_one_address_are_refused_with_429(client, settings_row):
    cache.clear()
    for number in range(REGISTRATION_RATE_LIMIT):
        client.post(url(settings_row.forum), form(email=f"p{number}@example.org"))

    response = client.post(url(settings_row.forum), form(email="one-more@example.org"))
    elsewhere = client.post(
        url(settings_row.forum), form(email="other@example.org"), REMOTE_ADDR="192.0.2.77"
    )

    assert response.status_code == 429
    assert "มีการลงทะเบียนจากการเชื่อมต่อของท่านมากเกินไป" in text(response)
    assert not Person.objects.filter(email="one-more@example.org").exists()
    assert elsewhere.status_code == 303
