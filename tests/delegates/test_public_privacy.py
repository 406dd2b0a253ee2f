"""No contact detail on any public page or feed; only people who consented are named."""

import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from delegates.models import Participation
from tests.factories import (
    ForumFactory,
    ParticipationFactory,
    PersonFactory,
    SessionFactory,
    SessionRoleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    forum = ForumFactory()
    session = SessionFactory(forum=forum)
    forum.session = session
    forum.public = PersonFactory(
        first_name_en="Publica",
        first_name_th="พับลิกา",
        email="publica@example.org",
        phone="+66 81 234 5678",
    )
    ParticipationFactory(forum=forum, person=forum.public)
    SessionRoleFactory(session=session, person=forum.public)
    forum.private = PersonFactory(first_name_en="Privata", first_name_th="ไพรวาตา")
    ParticipationFactory(forum=forum, person=forum.private, consents_to_public_listing=False)
    SessionRoleFactory(session=session, person=forum.private)
    forum.cancelled = PersonFactory(first_name_en="Cancella", first_name_th="แคนเซลลา")
    ParticipationFactory(
        forum=forum,
        person=forum.cancelled,
        registration_status=Participation.RegistrationStatus.CANCELLED,
    )
    SessionRoleFactory(session=session, person=forum.cancelled)
    # Listed publicly at another forum, but has no participation in this one.
    forum.stranger = PersonFactory(first_name_en="Extranea", first_name_th="เอ็กซ์ทราเนีย")
    ParticipationFactory(person=forum.stranger)
    SessionRoleFactory(session=session, person=forum.stranger)
    return forum


def public_addresses(forum, language: str) -> list[str]:
    slug, pk = forum.slug, forum.session.pk
    with translation.override(language):
        return [
            reverse("events:home"),
            reverse("delegates:forum", kwargs={"slug": slug}),
            reverse("delegates:programme", kwargs={"slug": slug}),
            reverse("delegates:my_programme", kwargs={"slug": slug}) + f"?sessions={pk}",
            reverse("delegates:session", kwargs={"slug": slug, "pk": pk}),
            reverse("delegates:speakers", kwargs={"slug": slug}),
            reverse("delegates:speaker", kwargs={"slug": slug, "pk": forum.public.pk}),
            reverse("delegates:programme_ics", kwargs={"slug": slug}),
            reverse("delegates:session_ics", kwargs={"slug": slug, "pk": pk}),
            reverse("delegates:programme_json", kwargs={"slug": slug}),
        ]


def body(response) -> str:
    if response["Content-Type"] == "application/pdf":
        return subprocess.run(
            ["pdftotext", "-raw", "-", "-"],
            input=response.getvalue(),
            capture_output=True,
            check=True,
        ).stdout.decode()
    # iCalendar folds long lines; unfold before searching.
    return response.getvalue().decode().replace("\r\n ", "")


@pytest.mark.parametrize(("language", "public_name"), [("th", "พับลิกา"), ("en", "Publica")])
def test_public_pages_and_feeds_name_consenting_people_without_their_contact_details(
    client, forum, language, public_name
):
    addresses = public_addresses(forum, language)
    with translation.override(language):
        addresses.append(reverse("delegates:programme_pdf", kwargs={"slug": forum.slug}))

    for address in addresses:
        response = client.get(address)
        text = body(response)

        assert response.status_code == 200, address
        assert "publica@example.org" not in text, address
        assert "81 234 5678" not in text, address
        assert "@example.org" not in text, address
        for name in ("Privata", "ไพรวาตา", "Cancella", "แคนเซลลา", "Extranea", "เอ็กซ์ทราเนีย"):
            assert name not in text, (address, name)
    programme = client.get(addresses[2]).content.decode()
    assert public_name in programme


@pytest.mark.parametrize("who", ["private", "cancelled", "stranger"])
def test_a_person_who_may_not_be_listed_has_no_speaker_page(client, forum, who):
    person = getattr(forum, who)
    address = reverse("delegates:speaker", kwargs={"slug": forum.slug, "pk": person.pk})

    assert client.get(address).status_code == 404
