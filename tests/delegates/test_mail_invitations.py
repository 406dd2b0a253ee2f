"""Invitations: written per forum in Thai and English with placeholders, sent by registrars to
the delegates in the "invited" state, each in their language with their personal link, through
the background queue to a real SMTP server; each email's state shows on the participation."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amf.models import Job
from delegates.models import InvitationText, OutgoingEmail
from delegates.services.links import access_link_open
from tests import factories

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/delegate/(\S+?)/")


def login(client, role: str):
    user = factories.UserFactory(is_staff=True, username=f"{role.lower()}-mail")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


@pytest.fixture
def forum():
    forum = factories.ForumFactory()
    factories.InvitationTextFactory(forum=forum)
    return forum


def invited(forum, **person):
    return factories.ParticipationFactory(
        forum=forum, registration_status="invited", person=factories.PersonFactory(**person)
    )


def changelist_action(client, action: str, participations, **extra):
    return client.post(
        reverse("admin:delegates_participation_changelist"),
        {"action": action, "_selected_action": [p.pk for p in participations], **extra},
    )


def test_an_invitation_text_with_an_unknown_placeholder_is_refused_by_name(client, forum):
    login(client, "Registrar")
    other = factories.ForumFactory()
    response = client.post(
        reverse("admin:delegates_invitationtext_add"),
        {
            "forum": other.pk,
            "subject_th": "เชิญ {name}",
            "subject_en": "Invitation",
            "body_th": "เรียน {nmae} ลิงก์ {link}",
            "body_en": "Dear {name}, {link} {forum.secret_key}",
        },
    )
    assert response.status_code == 200
    errors = [str(e) for e in response.context["adminform"].form.errors.values()]
    assert any("{nmae}" in error for error in errors)
    assert any("{forum.secret_key}" in error for error in errors)
    assert not InvitationText.objects.filter(forum=other).exists()


def test_registrars_send_invitations_in_each_delegates_language_with_a_personal_link(
    client, forum, smtp_server, run_jobs
):
    login(client, "Registrar")
    thai = invited(forum, language="th")
    english = invited(forum, language="en", honorific_en="Dr.", first_name_en="Ada")
    confirmed = factories.ParticipationFactory(forum=forum, registration_status="confirmed")
    response = changelist_action(client, "send_invitations", [thai, english, confirmed])
    job = Job.objects.get(kind="delegates.invitations_send")
    assert response.status_code == 302 and response.url == reverse(
        "admin:amf_job_change", args=[job.pk]
    )
    assert smtp_server.messages == []

    run_jobs()  # the job writes the emails, then their sending runs
    job.refresh_from_db()
    assert job.state == "succeeded", job.message
    assert job.outcome == {"queued": 2, "problems": 0}
    emails = {email.participation_id: email for email in OutgoingEmail.objects.all()}
    assert set(emails) == {thai.pk, english.pk}  # the confirmed one is not invited again
    assert {email.state for email in emails.values()} == {"sent"}

    received = {message["To"]: message for message in smtp_server.messages}
    thai_message = received[thai.person.email]
    assert thai_message["Subject"].strip() == f"ขอเชิญร่วมการประชุม {forum.title_th}"
    thai_text = thai_message.get_body(("plain",)).get_content()
    assert f"เรียน นาย{thai.person.first_name_th} ใจดี" in thai_text
    english_text = received[english.person.email].get_body(("plain",)).get_content()
    assert "Dear Dr. Ada Jaidee," in english_text
    assert forum.title_en in english_text
    # Each link opens the page in the delegate's language.
    assert "/th/delegate/" in LINK.search(thai_text)[0]
    assert "/en/delegate/" in LINK.search(english_text)[0]


def test_the_personal_link_in_an_invitation_opens_the_delegates_own_page(
    client, smtp_server, run_jobs
):
    coming = factories.ForumFactory(
        start_date=dt.date.today() + dt.timedelta(days=30),
        end_date=dt.date.today() + dt.timedelta(days=31),
    )
    factories.InvitationTextFactory(forum=coming)
    participation = invited(coming, language="en")
    login(client, "Registrar")
    changelist_action(client, "send_invitations", [participation])
    run_jobs()
    text = smtp_server.messages[0].get_body(("plain",)).get_content()
    token = LINK.search(text)[1]
    assert access_link_open(token=token) == participation
    client.logout()
    path = "/" + LINK.search(text)[0].split("/", 3)[3]
    assert client.get(path).status_code == 200


def test_a_forum_without_an_invitation_text_fails_the_job_and_sends_nothing(client, run_jobs):
    forum = factories.ForumFactory()
    participation = invited(forum)
    login(client, "Registrar")
    changelist_action(client, "send_invitations", [participation])
    run_jobs()
    job = Job.objects.get()
    assert job.state == "failed"
    assert str(forum) in job.message  # names the forum whose text is missing
    assert not OutgoingEmail.objects.exists()


def test_delegates_without_a_valid_address_are_named_and_the_others_invited(
    client, forum, run_jobs
):
    good = invited(forum)
    bad = invited(forum, email="not-an-address")
    login(client, "Registrar")
    changelist_action(client, "send_invitations", [good, bad])
    run_jobs()
    job = Job.objects.get()
    assert job.state == "succeeded"
    assert list(OutgoingEmail.objects.values_list("participation", flat=True)) == [good.pk]
    assert any("not-an-address" in error for error in job.errors)


@pytest.mark.parametrize("role", ["Editor", "Reporter", "Approver", "Viewer"])
def test_only_registrars_may_send_invitations(client, forum, role):
    participation = invited(forum)
    login(client, role)
    changelist_action(client, "send_invitations", [participation])
    assert not Job.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_each_emails_state_shows_on_the_participation_list_and_page(client, forum):
    sent = factories.OutgoingEmailFactory(
        participation=invited(forum), state="sent", subject="Sent one"
    )
    failed = factories.OutgoingEmailFactory(
        participation=invited(forum), state="failed", last_error="550 No such user"
    )
    login(client, "Registrar")
    page = client.get(reverse("admin:delegates_participation_changelist")).content.decode()
    assert "email-state-sent" in page
    assert "email-state-failed" in page
    change = client.get(
        reverse("admin:delegates_participation_change", args=[failed.participation.pk])
    ).content.decode()
    assert "550 No such user" in change
    change = client.get(
        reverse("admin:delegates_participation_change", args=[sent.participation.pk])
    ).content.decode()
    assert "Sent one" in change


def test_roles_without_contact_details_see_no_email_of_a_delegate(client, forum):
    email = factories.OutgoingEmailFactory(
        participation=invited(forum), subject="Private subject", body="Private body"
    )
    login(client, "Viewer")
    page = client.get(reverse("admin:delegates_participation_changelist")).content.decode()
    assert "email-state" not in page
    change = client.get(
        reverse("admin:delegates_participation_change", args=[email.participation.pk])
    ).content.decode()
    assert "Private subject" not in change
    assert client.get(reverse("admin:delegates_outgoingemail_changelist")).status_code == 403
    assert client.get(
        reverse("admin:delegates_outgoingemail_change", args=[email.pk])
    ).status_code in (302, 403)


def test_the_list_column_costs_the_same_queries_for_more_delegates(client, forum):
    login(client, "Registrar")
    url = reverse("admin:delegates_participation_changelist")
    for _ in range(3):
        factories.OutgoingEmailFactory(participation=invited(forum))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(20):
        factories.OutgoingEmailFactory(participation=invited(forum))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_preview_shows_the_invitation_in_both_languages_and_sends_it_on_request(
    client, forum, smtp_server, run_jobs
):
    participation = invited(forum, language="en")
    login(client, "Registrar")
    url = reverse("admin:delegates_participation_invitation", args=[participation.pk])
    page = client.get(url).content.decode()
    assert f"ขอเชิญร่วมการประชุม {forum.title_th}" in page
    assert f"Invitation to {forum.title_en}" in page
    assert f"Dear Mr. {participation.person.first_name_en} Jaidee," in page
    assert not OutgoingEmail.objects.exists()  # a preview sends nothing

    response = client.post(url)
    assert response.status_code == 302
    email = OutgoingEmail.objects.get()
    assert email.language == "en" and email.kind == "invitation"
    run_jobs()
    email.refresh_from_db()
    assert email.state == "sent"
    assert "/delegate/" in smtp_server.messages[0].get_body(("plain",)).get_content()


def test_the_outbox_resends_selected_emails(client, forum, smtp_server, run_jobs):
    email = factories.OutgoingEmailFactory(participation=invited(forum), state="failed")
    login(client, "Registrar")
    client.post(
        reverse("admin:delegates_outgoingemail_changelist"),
        {"action": "resend_selected", "_selected_action": [email.pk]},
    )
    run_jobs()
    copy = OutgoingEmail.objects.exclude(pk=email.pk).get()
    assert copy.state == "sent" and copy.subject == email.subject
    assert len(smtp_server.messages) == 1
