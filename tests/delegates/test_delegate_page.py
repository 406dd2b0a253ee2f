"""The delegate's own page behind their personal link: what it shows and what it changes."""

import datetime as dt
import io
import json
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from delegates.models import AccessLink, Participation
from delegates.services.links import access_link_issue, access_link_revoke, access_link_token
from delegates.services.replies import delegate_reason
from tests.factories import CountryFactory, ForumFactory, ParticipationFactory, PersonFactory

pytestmark = pytest.mark.django_db

Status = Participation.RegistrationStatus


def coming_forum(**kwargs):
    today = timezone.localdate()
    return ForumFactory(
        start_date=today + dt.timedelta(days=20), end_date=today + dt.timedelta(days=22), **kwargs
    )


@pytest.fixture
def invited():
    person = PersonFactory(
        honorific_en="Mr.",
        first_name_en="Anan",
        last_name_en="Rattana",
        first_name_th="อนันต์",
        last_name_th="รัตนะ",
        email="anan@example.org",
        phone="+66 81 000 0000",
    )
    return ParticipationFactory(
        forum=coming_forum(),
        person=person,
        registration_status=Status.INVITED,
        consents_to_public_listing=False,
    )


def page_url(participation, language="en"):
    link = access_link_issue(participation=participation)
    from django.utils import translation

    with translation.override(language):
        return reverse("delegates:delegate_page", kwargs={"token": access_link_token(link)})


def text(response) -> str:
    """The page's text as read, without its markup."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.content.decode()))


def post(client, url, section, **fields):
    data = {"section": section}
    data.update({f"{section}-{name}": value for name, value in fields.items()})
    return client.post(url, data)


def test_the_link_opens_the_delegates_page_in_their_language_privately(client, invited):
    response = client.get(page_url(invited, "en"))

    assert response.status_code == 200
    assert "Welcome, Mr. Anan Rattana" in text(response)
    assert response["Cache-Control"].count("private") == 1
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "strict-origin"


def test_the_page_in_thai_names_the_delegate_in_thai(client, invited):
    response = client.get(page_url(invited, "th"))

    assert "อนันต์ รัตนะ" in text(response)
    assert 'lang="th"' in response.content.decode()


@pytest.mark.parametrize("how", ["garbled", "revoked", "expired", "anonymised", "other forum"])
def test_every_link_that_opens_nothing_gets_the_same_not_found_page(client, invited, how):
    url = page_url(invited)
    if how == "garbled":
        url = url.replace("/delegate/", "/delegate/x")
    elif how == "revoked":
        access_link_revoke(participation=invited)
    elif how == "expired":
        invited.forum.start_date = dt.date(2019, 8, 26)
        invited.forum.end_date = dt.date(2019, 8, 28)
        invited.forum.save()
    elif how == "anonymised":
        invited.person.anonymised_at = timezone.now()
        invited.person.save()
    else:
        AccessLink.objects.update(participation=ParticipationFactory())
    unknown = client.get("/en/delegate/nothing-here/")

    response = client.get(url)

    assert response.status_code == unknown.status_code == 404
    # The same page, but for the address it was asked at (in its language links).
    token = url.split("/")[-2]
    assert response.content.replace(token.encode(), b"") == unknown.content.replace(
        b"nothing-here", b""
    )
    assert response["Cache-Control"] == unknown["Cache-Control"]
    assert response["Referrer-Policy"] == "strict-origin"
    assert "Anan" not in response.content.decode()


def test_accepting_confirms_the_invitation_and_records_the_date_as_the_delegates(client, invited):
    url = page_url(invited)

    response = post(client, url, "reply", response="accepted")

    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.response == "accepted"
    assert invited.responded_at is not None
    assert invited.registration_status == Status.CONFIRMED
    assert invited.delegate_changed_at is not None
    version = invited.history.latest()
    assert version.history_user is None
    assert version.history_change_reason == delegate_reason()
    assert "You accepted on" in client.get(url).content.decode()


def test_declining_cancels_the_delegate_and_their_party_and_accepting_brings_them_back(
    client, invited
):
    url = page_url(invited)
    post(client, url, "add_member", first_name="Suwanna", last_name="Rattana")
    member = Participation.objects.get(accompanies=invited)

    post(client, url, "reply", response="declined")
    invited.refresh_from_db()
    member.refresh_from_db()
    assert invited.registration_status == member.registration_status == Status.CANCELLED

    post(client, url, "reply", response="accepted")
    invited.refresh_from_db()
    member.refresh_from_db()
    assert invited.registration_status == member.registration_status == Status.CONFIRMED


def test_a_participation_the_office_cancelled_is_not_brought_back_by_accepting(client, invited):
    invited.registration_status = Status.CANCELLED
    invited.save()

    post(client, page_url(invited), "reply", response="accepted")

    invited.refresh_from_db()
    assert invited.response == "accepted"
    assert invited.registration_status == Status.CANCELLED


def test_an_accompanying_person_is_a_participation_of_their_own_with_their_own_consents(
    client, invited
):
    url = page_url(invited)

    post(
        client,
        url,
        "add_member",
        honorific="Mrs.",
        first_name="Suwanna",
        last_name="Rattana",
        public_listing="on",
        dietary_needs="Vegetarian",
    )

    member = Participation.objects.select_related("person").get(accompanies=invited)
    assert member.forum == invited.forum
    assert member.role == Participation.Role.ACCOMPANYING
    assert member.person.first_name_en == "Suwanna"
    assert member.consents_to_public_listing is True
    assert member.consents_to_photographs is False
    assert member.consent_recorded_on == timezone.localdate()
    assert member.dietary_needs == "Vegetarian"
    assert member.history.latest().history_change_reason == delegate_reason()
    assert "Mrs. Suwanna Rattana" in text(client.get(url))


def test_a_party_members_consent_is_withdrawn_apart_from_the_delegates(client, invited):
    url = page_url(invited)
    post(client, url, "add_member", first_name="Suwanna", public_listing="on", photographs="on")
    member = Participation.objects.get(accompanies=invited)

    client.post(
        url, {"section": "consents", "consents-member": member.pk, "consents-photographs": "on"}
    )

    member.refresh_from_db()
    invited.refresh_from_db()
    assert member.consents_to_public_listing is False
    assert member.consents_to_photographs is True
    assert invited.consents_to_public_listing is False


def test_a_delegate_cannot_touch_a_participation_outside_their_delegation(client, invited):
    stranger = ParticipationFactory(forum=invited.forum, consents_to_public_listing=True)
    url = page_url(invited)

    consents = client.post(url, {"section": "consents", "consents-member": stranger.pk})
    removal = post(client, url, "remove_member", member=stranger.pk)

    assert consents.status_code == removal.status_code == 400
    stranger.refresh_from_db()
    assert stranger.consents_to_public_listing is True
    assert stranger.registration_status == Status.CONFIRMED


def test_removing_a_member_cancels_them_and_withdraws_their_consents(client, invited):
    url = page_url(invited)
    post(client, url, "add_member", first_name="Suwanna", public_listing="on")
    member = Participation.objects.get(accompanies=invited)

    post(client, url, "remove_member", member=member.pk)

    member.refresh_from_db()
    assert member.registration_status == Status.CANCELLED
    assert member.consents_to_public_listing is False
    client.get(url)  # the message saying so
    assert "Suwanna" not in client.get(url).content.decode()


def test_each_consent_is_given_and_withdrawn_apart_with_its_date(client, invited):
    url = page_url(invited)
    invited.consents_to_photographs = True
    invited.photograph_consent_recorded_on = dt.date(2019, 1, 1)
    invited.save()

    post(client, url, "consents", public_listing="on", photographs="on")
    invited.refresh_from_db()
    assert invited.consents_to_public_listing is True
    assert invited.consent_recorded_on == timezone.localdate()
    assert invited.photograph_consent_recorded_on == dt.date(2019, 1, 1)

    post(client, url, "consents", public_listing="on")
    invited.refresh_from_db()
    assert invited.consents_to_photographs is False
    assert invited.photograph_consent_recorded_on == timezone.localdate()
    assert invited.consents_to_public_listing is True


def test_giving_the_listing_consent_moves_the_forums_public_version(client, invited):
    before = invited.forum.updated_at

    post(client, page_url(invited), "consents", public_listing="on")

    invited.forum.refresh_from_db()
    assert invited.forum.updated_at > before


def test_changing_only_needs_leaves_the_forums_public_version_alone(client, invited):
    before = invited.forum.updated_at

    post(client, page_url(invited), "needs", dietary_needs="Halal", accessibility_needs="")

    invited.forum.refresh_from_db()
    invited.refresh_from_db()
    assert invited.dietary_needs == "Halal"
    assert invited.forum.updated_at == before


def test_the_delegate_corrects_their_details_in_the_pages_language(client, invited):
    post(
        client,
        page_url(invited, "en"),
        "details",
        honorific="Dr.",
        first_name="Anan",
        last_name="Rattanakul",
        position="Deputy Governor",
        email="anan.r@example.org",
        phone="+66 81 111 1111",
    )

    person = invited.person
    person.refresh_from_db()
    assert person.last_name_en == "Rattanakul"
    assert person.last_name_th == "รัตนะ"
    assert person.honorific_en == "Dr."
    assert person.email == "anan.r@example.org"
    assert person.history.latest().history_change_reason == delegate_reason()


def test_a_wrong_email_address_is_named_and_nothing_is_saved(client, invited):
    response = post(client, page_url(invited), "details", first_name="Anan", email="not-an-address")

    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    invited.person.refresh_from_db()
    assert invited.person.email == "anan@example.org"


def test_travel_and_hotel_are_recorded_and_a_departure_before_the_arrival_is_refused(
    client, invited
):
    url = page_url(invited)
    travel = {
        "arrival_date": "2030-08-25",
        "arrival_time": "14:35",
        "arrival_flight": "TG 402",
        "arrival_airport": "Suvarnabhumi (BKK)",
        "departure_date": "2030-08-29",
        "departure_time": "09:10",
        "departure_flight": "TG 403",
        "departure_airport": "BKK",
        "hotel": "Centara Grand",
    }

    refused = post(client, url, "travel", **{**travel, "departure_date": "2030-08-20"})
    saved = post(client, url, "travel", **travel)

    assert refused.status_code == 400
    assert "The departure is before the arrival." in refused.content.decode()
    assert saved.status_code == 302
    invited.refresh_from_db()
    assert invited.arrival_date == dt.date(2030, 8, 25)
    assert invited.arrival_time == dt.time(14, 35)
    assert invited.arrival_flight == "TG 402"
    assert invited.hotel == "Centara Grand"


def test_a_visa_letter_request_keeps_the_passport_details_until_taken_back(client, invited):
    url = page_url(invited)
    country = CountryFactory()

    post(
        client,
        url,
        "visa",
        passport_number="AB1234567",
        passport_nationality=country.pk,
        passport_expires_on="2031-01-31",
    )
    invited.refresh_from_db()
    assert invited.visa_letter_requested_on == timezone.localdate()
    assert invited.passport_number == "AB1234567"
    assert invited.passport_nationality == country

    post(client, url, "visa_withdraw")
    invited.refresh_from_db()
    assert invited.visa_letter_requested_on is None
    assert invited.passport_number == ""
    assert invited.passport_nationality is None


def test_the_delegate_downloads_everything_the_office_holds_about_them(client, invited):
    invited.dietary_needs = "Halal"
    invited.save()

    response = post(client, page_url(invited), "access_file")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    record = json.loads(archive.read("record.json"))
    assert record["person"]["email"] == "anan@example.org"
    assert record["participations"][0]["dietary_needs"] == "Halal"
    assert archive.read("record.pdf").startswith(b"%PDF")


def test_changes_are_refused_without_the_csrf_token(invited):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = post(client, page_url(invited), "needs", dietary_needs="Halal")

    assert response.status_code == 403
    invited.refresh_from_db()
    assert invited.dietary_needs == ""


def test_changes_through_one_link_are_rate_limited(client, invited, monkeypatch):
    monkeypatch.setattr("delegates.views.delegate_page.CHANGES_PER_HOUR", 3)
    url = page_url(invited)
    answers = [post(client, url, "needs", dietary_needs=f"Halal {n}").status_code for n in range(4)]

    assert answers == [302, 302, 302, 429]
    invited.refresh_from_db()
    assert invited.dietary_needs == "Halal 2"


def test_a_section_the_page_does_not_have_is_a_bad_request(client, invited):
    response = client.post(page_url(invited), {"section": "registration_status"})

    assert response.status_code == 400


def test_the_page_shows_no_other_persons_data(client, invited):
    other = ParticipationFactory(
        forum=invited.forum, person=PersonFactory(first_name_en="Stranger", email="x@example.org")
    )
    other.dietary_needs = "Kosher"
    other.save()

    page = client.get(page_url(invited)).content.decode()

    assert "Stranger" not in page
    assert "x@example.org" not in page
    assert "Kosher" not in page


def test_the_delegate_asks_for_interpretation_into_their_language_among_named_choices(
    client, invited
):
    url = page_url(invited, "th")
    page = client.get(url).content.decode()

    post(
        client, url, "needs", dietary_needs="", accessibility_needs="", interpretation_language="ja"
    )

    invited.refresh_from_db()
    assert '<option value="ja">ญี่ปุ่น</option>' in page
    assert "ไม่ต้องการล่าม" in page
    assert invited.interpretation_language == "ja"
    assert invited.history.latest().history_change_reason == delegate_reason()


def test_a_language_that_is_not_offered_is_refused_and_nothing_is_saved(client, invited):
    response = post(client, page_url(invited), "needs", interpretation_language="xx")

    invited.refresh_from_db()
    assert invited.interpretation_language == ""
    assert "xx is not one of the available choices" in text(response)


def test_an_accompanying_person_has_their_own_interpretation_language(client, invited):
    post(
        client,
        page_url(invited),
        "add_member",
        first_name="Suwanna",
        interpretation_language="km",
    )

    member = Participation.objects.get(accompanies=invited)
    assert member.interpretation_language == "km"
