"""The feedback form ("ข้อเสนอแนะ"): stored for staff, protected from spam without any service."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from amf import spam
from reports.forms import FEEDBACK
from reports.models import Feedback
from tests.factories import BulletinFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulletin():
    return BulletinFactory(published=True)


def page(bulletin, language="th"):
    with translation.override(language):
        return reverse("reports:bulletin_feedback", args=[bulletin.pk])


def token(seconds_ago: float) -> str:
    """The form's token as if the page had been shown `seconds_ago` seconds ago."""
    then = timezone.now() - dt.timedelta(seconds=seconds_ago)
    with mock.patch("django.utils.timezone.now", return_value=then):
        return spam.issue_token(purpose=FEEDBACK)


def form(**overrides) -> dict:
    return {"name": "สมศรี", "email": "somsri@example.org", "message": "ขอให้เพิ่มภาพประกอบ",
            "website": "", "issued": token(30), **overrides}  # fmt: skip


def test_the_bulletin_page_leads_to_the_suggestion_form(client, bulletin):
    with translation.override("th"):
        detail = reverse("reports:bulletin_detail", args=[bulletin.pk])

    html = client.get(detail, HTTP_ACCEPT_ENCODING="identity").content.decode()

    assert f'href="{page(bulletin)}"' in html
    assert "csrfmiddlewaretoken" not in html


def test_the_form_page_is_never_cached_and_not_indexed(client, bulletin):
    response = client.get(page(bulletin))

    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_the_form_page_of_an_unpublished_bulletin_is_not_found(client):
    draft = BulletinFactory()

    assert client.get(page(draft)).status_code == 404
    assert client.post(page(draft), form()).status_code == 404
    assert not Feedback.objects.exists()


def test_the_page_carries_the_form_with_a_hidden_honeypot_and_no_inline_script(client, bulletin):
    html = client.get(page(bulletin)).content.decode()

    assert "ข้อเสนอแนะ" in html
    assert 'name="issued"' in html
    assert re.search(r'class="feedback__trap" aria-hidden="true">.*name="website"', html)
    assert "<script" not in html
    assert "style=" not in html


def test_a_suggestion_is_stored_for_staff_and_the_visitor_is_thanked(client, bulletin):
    response = client.post(page(bulletin), form(), follow=True)

    feedback = Feedback.objects.get()
    assert (feedback.bulletin, feedback.name, feedback.email) == (
        bulletin,
        "สมศรี",
        "somsri@example.org",
    )
    assert (feedback.message, feedback.language) == ("ขอให้เพิ่มภาพประกอบ", "th")
    assert "ขอบคุณ ข้อเสนอแนะของท่านได้ส่งถึงสำนักงานแล้ว" in response.content.decode()
    assert "somsri@example.org" not in response.content.decode()


def test_staff_read_suggestions_in_the_admin(admin_client, bulletin):
    client_response = admin_client.post(page(bulletin, "en"), form(message="Add photos, please"))
    assert client_response.status_code == 302
    with translation.override("en"):
        changelist = reverse("admin:reports_feedback_changelist")

    assert "Add photos, please" in admin_client.get(changelist).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"message": ""}, "กรุณากรอกข้อเสนอแนะ"),
        ({"message": "ดี"}, "ข้อเสนอแนะสั้นเกินไป"),
        ({"email": "not-an-email"}, "อีเมล"),
    ],
)
def test_bad_input_is_refused_with_a_message_naming_it(client, bulletin, data, message):
    response = client.post(page(bulletin), form(**data))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"website": "http://spam.example"}, "Your suggestion looks automated"),
        ({"issued": "just now"}, "That was very quick"),
        ({"issued": "forged:token"}, "The form has expired"),
        ({"issued": ""}, "The form has expired"),
    ],
)
def test_bots_are_turned_away_by_honeypot_fill_time_and_signature(client, bulletin, data, message):
    if data.get("issued") == "just now":
        data = {"issued": token(0)}  # made here: a token made at collection would be old
    response = client.post(page(bulletin, "en"), form(**data))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_token_older_than_a_day_has_expired(client, bulletin):
    response = client.post(page(bulletin, "en"), form(issued=token(25 * 60 * 60)))

    assert "The form has expired" in response.content.decode()
    assert not Feedback.objects.exists()


def test_one_address_may_send_five_suggestions_an_hour(client, bulletin):
    for _ in range(spam.RATE_LIMIT):
        assert client.post(page(bulletin), form()).status_code == 302

    response = client.post(page(bulletin, "en"), form())

    assert response.status_code == 429
    assert "Too many suggestions" in response.content.decode()
    assert Feedback.objects.count() == spam.RATE_LIMIT
    other = client.post(page(bulletin), form(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_no_suggestion_is_taken_on_an_unpublished_bulletin(client):
    draft = BulletinFactory()

    response = client.post(page(draft), form())

    assert response.status_code == 404
    assert not Feedback.objects.exists()
