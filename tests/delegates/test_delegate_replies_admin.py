"""Staff and the delegates' replies: links issued and revoked, what changed since they
last looked, and replies shown only to the roles allowed contact details."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from delegates.models import AccessLink, Participation
from delegates.services import replies
from delegates.services.links import access_link_issue, access_link_open, access_link_token
from tests.factories import ForumFactory, ParticipationFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:delegates_participation_changelist"


def staff(role: str):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def coming():
    today = timezone.localdate()
    return ForumFactory(
        start_date=today + dt.timedelta(days=5), end_date=today + dt.timedelta(days=6)
    )


def act(client, action, participations):
    return client.post(
        url(CHANGELIST),
        {"action": action, "_selected_action": [p.pk for p in participations]},
    )


def test_a_registrar_issues_links_to_the_selected_delegates_and_revokes_them(client, coming):
    delegates = ParticipationFactory.create_batch(3, forum=coming)
    already = access_link_issue(participation=delegates[0])
    client.force_login(staff("Registrar"))

    issued = act(client, "issue_links", delegates)

    assert issued.status_code == 302
    assert AccessLink.objects.active().count() == 3
    assert AccessLink.objects.active().get(participation=delegates[0]) == already

    act(client, "revoke_links", delegates[:2])

    assert AccessLink.objects.active().count() == 1
    assert access_link_open(token=access_link_token(already)) is None


@pytest.mark.parametrize("role", ["Editor", "Viewer", "Reporter", "Approver"])
def test_only_the_registrar_may_issue_or_revoke_links(client, coming, role):
    participation = ParticipationFactory(forum=coming)
    access_link_issue(participation=participation)
    client.force_login(staff(role))

    issued = act(client, "issue_links", [ParticipationFactory(forum=coming)])
    revoked = act(client, "revoke_links", [participation])

    assert issued.status_code == revoked.status_code == 403
    assert AccessLink.objects.active().count() == 1


def test_the_registrar_sees_what_delegates_changed_since_last_looking_and_marks_it_seen(
    client, coming
):
    changed, quiet = ParticipationFactory.create_batch(2, forum=coming)
    replies.participation_needs_set(
        head=changed, participation=changed, dietary_needs="Halal", accessibility_needs=""
    )
    client.force_login(staff("Registrar"))

    unseen = client.get(url(CHANGELIST), {"delegate_changes": "unseen"})
    assert list(unseen.context["cl"].result_list) == [changed]
    history = url("admin:delegates_participation_history", changed.pk)
    assert history in unseen.content.decode()

    act(client, "mark_seen", [changed, quiet])

    after = client.get(url(CHANGELIST), {"delegate_changes": "unseen"})
    assert list(after.context["cl"].result_list) == []
    replies.participation_needs_set(
        head=changed,
        participation=changed,
        dietary_needs="Halal, no alcohol",
        accessibility_needs="",
    )
    again = client.get(url(CHANGELIST), {"delegate_changes": "unseen"})
    assert list(again.context["cl"].result_list) == [changed]


def test_the_history_names_the_delegate_and_shows_what_they_changed(client, coming):
    participation = ParticipationFactory(forum=coming)
    replies.participation_needs_set(
        head=participation,
        participation=participation,
        dietary_needs="Vegetarian",
        accessibility_needs="",
    )
    client.force_login(staff("Registrar"))

    page = client.get(url("admin:delegates_participation_history", participation.pk))

    text = page.content.decode()
    assert replies.delegate_reason() in text
    assert "Vegetarian" in text


@pytest.mark.parametrize("role", ["Editor", "Viewer", "Approver"])
def test_roles_without_contact_details_see_no_reply_anywhere_in_the_admin(client, coming, role):
    participation = ParticipationFactory(forum=coming)
    replies.participation_needs_set(
        head=participation,
        participation=participation,
        dietary_needs="Secretdiet",
        accessibility_needs="",
    )
    replies.participation_visa_letter_request(
        participation=participation,
        passport_number="PX7654321",
        passport_nationality=None,
        passport_expires_on=dt.date(2031, 1, 1),
    )
    client.force_login(staff(role))

    pages = [
        client.get(url(CHANGELIST)),
        client.get(url("admin:delegates_participation_change", participation.pk)),
        client.get(url("admin:delegates_participation_history", participation.pk)),
    ]
    filtered = client.get(url(CHANGELIST), {"delegate_changes": "unseen"})

    for page in pages:
        assert page.status_code == 200
        text = page.content.decode()
        assert "Secretdiet" not in text
        assert "PX7654321" not in text
        assert "/delegate/" not in text
    assert filtered.status_code == 400


def test_the_registrar_finds_the_personal_link_on_the_participation(client, coming):
    participation = ParticipationFactory(forum=coming)
    link = access_link_issue(participation=participation)
    client.force_login(staff("Registrar"))

    page = client.get(url("admin:delegates_participation_change", participation.pk))

    # The token is signed with the time, so it is read back rather than made again here.
    tokens = set(re.findall(r"/delegate/([\w:.-]+)/", page.content.decode()))
    assert tokens and {access_link_open(token=token) for token in tokens} == {participation}
    assert link.key not in page.content.decode()


def test_an_accompanying_person_counts_in_the_forums_statistics_like_any_delegate(coming):
    head = ParticipationFactory(forum=coming)
    replies.accompanying_person_add(
        head=head, language="en", honorific="", first_name="Suwanna", last_name=""
    )

    roles = Participation.objects.filter(forum=coming).counts_by("role")

    assert roles == {"delegate": 1, "accompanying": 1}
