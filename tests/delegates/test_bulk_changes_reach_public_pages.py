"""A bulk change reaches every public page and feed at once, the cached programme included,
and is in the history of each row it touched."""

import pytest
from django.urls import reverse
from django.utils import translation

from delegates.models import Participation
from delegates.services.imports import delegates_import
from delegates.spreadsheets import read_table
from tests import factories

pytestmark = pytest.mark.django_db

NAME = "Xanthippe"


@pytest.fixture
def speaker():
    forum = factories.ForumFactory()
    participation = factories.ParticipationFactory(
        forum=forum,
        consents_to_public_listing=True,
        person__first_name_en=NAME,
        person__first_name_th=NAME,
    )
    factories.SessionRoleFactory(
        session=factories.SessionFactory(forum=forum), person=participation.person
    )
    return participation


def public_pages(forum) -> list[str]:
    slug = {"slug": forum.slug}
    with translation.override("en"):
        pages = [
            reverse("delegates:programme", kwargs=slug),
            reverse("delegates:speakers", kwargs=slug),
        ]
    pages += [
        reverse("feeds:programme_ics", kwargs=slug),
        reverse("feeds:programme_json", kwargs=slug),
    ]
    return pages


def showing(client, forum) -> list[str]:
    """The public pages and feeds that name the speaker."""
    return [page for page in public_pages(forum) if NAME in client.get(page).getvalue().decode()]


def test_cancelling_with_the_bulk_action_takes_the_speaker_off_every_page_at_once(
    client, admin_client, speaker
):
    forum = speaker.forum
    assert showing(client, forum) == public_pages(forum)  # and now cached

    response = admin_client.post(
        reverse("admin:delegates_participation_changelist"),
        {"action": "mark_cancelled", "_selected_action": [speaker.pk]},
    )

    assert response.status_code == 302
    assert showing(client, forum) == []
    latest = speaker.history.latest()
    assert latest.registration_status == Participation.RegistrationStatus.CANCELLED
    assert latest.history_user.is_superuser and latest.history_change_reason


def test_a_consent_withdrawn_by_import_takes_the_speaker_off_every_page_at_once(client, speaker):
    forum = speaker.forum
    assert showing(client, forum) == public_pages(forum)
    user = factories.UserFactory()
    table = read_table(
        "delegates.csv",
        f"id,first_name_en,country,consents_to_public_listing\n{speaker.pk},{NAME},TH,no\n".encode(),
    )

    delegates_import(forum=forum, table=table, user=user)

    assert showing(client, forum) == []
    latest = speaker.history.latest()
    assert (latest.consents_to_public_listing, latest.history_user) == (False, user)
