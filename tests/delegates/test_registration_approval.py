"""Registrars approve or decline registrations; each registrant is told by email, in their
language, through the outbox (delivered here to a real SMTP server)."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from delegates.models import OutgoingEmail, Participation, SelfRegistration
from delegates.services.links import access_link_open
from delegates.services.self_registration import Registrant, participation_self_register
from events.models import Forum
from tests.factories import (
    ForumFactory,
    ForumRegistrationFactory,
    ParticipationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:delegates_participation_changelist"


@pytest.fixture
def forum():
    start = timezone.localdate() + dt.timedelta(days=60)
    upcoming = ForumFactory(
        slug="amf-2026",
        title_en="ASEAN Mayors Forum 2026",
        start_date=start,
        end_date=start + dt.timedelta(days=2),
    )
    return ForumRegistrationFactory(forum=upcoming, capacity=10).forum


def register(forum, *, email, language, **names) -> Participation:
    registrant = Registrant(email=email, **names)
    return participation_self_register(
        forum_id=forum.pk, registrant=registrant, language=language
    ).participation


@pytest.fixture
def thai(forum):
    return register(
        forum, email="kamon@example.org", language="th", first_name_th="กมล", last_name_th="ศรีสุข"
    )


@pytest.fixture
def english(forum):
    return register(
        forum, email="maria@example.ph", language="en", first_name_en="Maria", last_name_en="Santos"
    )


def staff(role: str):
    user = UserFactory(username=f"user-{role.lower()}", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def act(client, action: str, participations, language="en", **extra):
    with translation.override(language):
        url = reverse(CHANGELIST)
    data = {"action": action, "_selected_action": [p.pk for p in participations], **extra}
    return client.post(url, data)


def emails(kind: str) -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.filter(kind=kind).order_by("pk"))


def test_a_registrant_is_told_at_once_in_their_language_that_the_office_has_it(
    thai, english, smtp_server, run_jobs
):
    run_jobs()

    received = {m["To"]: m for m in smtp_server.messages}
    assert set(received) == {"kamon@example.org", "maria@example.ph"}
    assert "ได้รับการลงทะเบียน" in received["kamon@example.org"]["Subject"]
    assert "เรียน กมล ศรีสุข" in received["kamon@example.org"].get_body(("plain",)).get_content()
    english_text = received["maria@example.ph"].get_body(("plain",)).get_content()
    assert received["maria@example.ph"]["Subject"].strip() == (
        "We have your registration for ASEAN Mayors Forum 2026"
    )
    assert "Dear Maria Santos," in english_text
    assert "/en/forums/amf-2026/programme/" in english_text
    assert [e.state for e in emails("registration_received")] == ["sent", "sent"]


def test_a_registrar_approves_and_each_delegate_gets_their_own_link_in_their_language(
    client, forum, thai, english, smtp_server, run_jobs
):
    registrar = staff("Registrar")
    client.force_login(registrar)
    version = Forum.objects.get(pk=forum.pk).updated_at

    response = act(client, "approve_registrations", [thai, english])

    assert response.status_code == 302
    for participation in (thai, english):
        participation.refresh_from_db()
        assert participation.registration_status == "confirmed"
        latest = participation.history.latest()
        assert (latest.history_user, latest.history_change_reason) == (
            registrar,
            "Registration approved",
        )
        decided = SelfRegistration.objects.get(participation=participation)
        assert decided.decided_by == registrar and decided.decided_at is not None
    # Approving shows nothing new on public pages: the forum's version stays.
    assert Forum.objects.get(pk=forum.pk).updated_at == version
    approved = emails("registration_approved")
    assert [(e.participation_id, e.language) for e in approved] == [
        (thai.pk, "th"),
        (english.pk, "en"),
    ]
    assert approved[0].queued_by == registrar

    run_jobs()
    delivered = {m["To"]: m for m in smtp_server.messages}
    thai_text = delivered["kamon@example.org"].get_body(("plain",)).get_content()
    english_text = delivered["maria@example.ph"].get_body(("plain",)).get_content()
    assert "ได้รับการยืนยันแล้ว" in delivered["kamon@example.org"]["Subject"]
    assert "ได้รับการอนุมัติแล้ว" in thai_text
    assert "has been approved. Your place is confirmed." in english_text
    # The personal link opens the delegate's own participation, in their language.
    for text, participation, prefix in ((thai_text, thai, "/th/"), (english_text, english, "/en/")):
        (link,) = [url for url in re.findall(r"https?://\S+", text) if "programme" not in url]
        assert prefix in link
        token = link.rstrip("/").rsplit("/", 1)[-1]
        assert access_link_open(token=token) == participation


def test_a_registrar_declines_with_a_reason_after_confirming_and_the_forum_frees_the_seat(
    client, forum, thai, smtp_server, run_jobs
):
    registrar = staff("Registrar")
    client.force_login(registrar)
    version = Forum.objects.get(pk=forum.pk).updated_at

    asked = act(client, "decline_registrations", [thai])
    declined = act(
        client,
        "decline_registrations",
        [thai],
        confirm="yes",
        reason="The forum is open to member cities only.",
    )

    assert asked.status_code == 200
    assert "Reason (optional; quoted in the email to the delegate)" in asked.content.decode()
    assert "กมล" in asked.content.decode()
    assert declined.status_code == 302
    thai.refresh_from_db()
    assert thai.registration_status == "cancelled"
    assert thai.self_registration.decline_reason == "The forum is open to member cities only."
    assert Forum.objects.get(pk=forum.pk).updated_at > version
    run_jobs()
    (message,) = [m for m in smtp_server.messages if "ไม่สามารถรับการลงทะเบียน" in str(m)] or [
        m for m in smtp_server.messages if m["Subject"] and "ได้รับการลงทะเบียน" not in m["Subject"]
    ]
    text = message.get_body(("plain",)).get_content()
    assert "ไม่สามารถรับการลงทะเบียนของท่านได้" in text
    assert "The forum is open to member cities only." in text


def test_only_registrations_awaiting_approval_are_decided_and_the_rest_are_named(
    client, forum, thai
):
    client.force_login(staff("Registrar"))
    invited = ParticipationFactory(forum=forum, registration_status="invited")

    response = act(client, "approve_registrations", [thai, invited])
    page = client.get(response["Location"])

    invited.refresh_from_db()
    assert invited.registration_status == "invited"
    assert emails("registration_approved") == [emails("registration_approved")[0]]
    text = page.content.decode()
    assert "1 registration approved; the delegate is told by email." in text
    assert "1 selected participation was not awaiting approval and was left alone." in text


@pytest.mark.parametrize("role", ["Editor", "Viewer", "Reporter", "Approver"])
def test_other_roles_cannot_approve_or_decline(client, thai, role):
    client.force_login(staff(role))

    approve = act(client, "approve_registrations", [thai])
    decline = act(client, "decline_registrations", [thai], confirm="yes")

    assert approve.status_code == decline.status_code == 403
    thai.refresh_from_db()
    assert thai.registration_status == "registered"
    assert not emails("registration_approved") and not emails("registration_declined")
