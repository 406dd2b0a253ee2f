"""Email to delegates goes through the outbox: recorded, sent by the worker to a real SMTP
server (aiosmtpd, started by the test), retried when refused, and reported when it fails."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from delegates.models import OutgoingEmail
from delegates.services.mail import outbox, outgoing_email_queue, outgoing_email_resend
from tests import factories

pytestmark = pytest.mark.django_db


def queued(participation=None, **kwargs) -> OutgoingEmail:
    participation = participation or factories.ParticipationFactory()
    options = {
        "kind": "invitation",
        "subject": "ขอเชิญร่วมการประชุมนายกเทศมนตรีอาเซียน",
        "body": "เรียน ท่านผู้แทน\n\nขอเรียนเชิญ https://amf.example/d/abc/\n",
        "language": "th",
        **kwargs,
    }
    return outgoing_email_queue(participation=participation, **options)


def tasks_due_now():
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def test_a_queued_email_is_recorded_and_waits_for_the_worker(smtp_server):
    email_ = queued()
    assert email_.state == "queued" and email_.attempts == 0
    assert email_.to_address == email_.person.email
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert smtp_server.messages == []  # nothing is sent inside the request


def test_the_worker_delivers_it_with_proper_headers_in_thai_and_english(smtp_server, run_jobs):
    thai = queued()
    english_participation = factories.ParticipationFactory(person__language="en")
    english = queued(
        english_participation,
        subject="Invitation to the ASEAN Mayors Forum",
        body="Dear Delegate,\n\nPlease reply at https://amf.example/d/xyz/\n",
        language="en",
    )
    run_jobs()

    for row in (thai, english):
        row.refresh_from_db()
        assert row.state == "sent" and row.attempts == 1 and row.sent_at is not None
    by_to = {message["To"]: message for message in smtp_server.messages}
    received = by_to[thai.to_address]
    raw = smtp_server.envelopes[[m["To"] for m in smtp_server.messages].index(thai.to_address)]
    raw_headers = raw.content.split(b"\r\n\r\n", 1)[0].decode("ascii")
    # The Thai subject travels encoded (RFC 2047) and reads back whole.
    assert "=?utf-8?" in raw_headers.lower()
    # Django folds the encoded subject onto a continuation line; the parser keeps the fold's
    # space, which mail clients drop.
    assert received["Subject"].strip() == "ขอเชิญร่วมการประชุมนายกเทศมนตรีอาเซียน"
    assert received["From"] == "AMF <amf@city.example>"
    assert received["Message-ID"] == thai.message_id
    assert received["Date"]
    assert received["Content-Language"] == "th"
    plain = received.get_body(("plain",))
    html = received.get_body(("html",))
    assert plain.get_content_charset() == "utf-8"
    assert "เรียน ท่านผู้แทน" in plain.get_content()
    assert 'lang="th"' in html.get_content()
    assert '<a href="https://amf.example/d/abc/"' in html.get_content()
    english_message = by_to[english.to_address]
    assert english_message["Subject"] == "Invitation to the ASEAN Mayors Forum"
    assert "Dear Delegate," in english_message.get_body(("plain",)).get_content()
    assert [e.rcpt_tos for e in smtp_server.envelopes if english.to_address in e.rcpt_tos]


def test_a_refusing_server_gets_the_email_again_later(smtp_server, run_jobs):
    smtp_server.refuse = 1
    row = queued()
    run_jobs()

    row.refresh_from_db()
    assert row.state == "queued" and row.attempts == 1
    assert "451" in row.last_error
    assert row.next_attempt_at > timezone.now() + dt.timedelta(seconds=50)
    assert run_jobs() == 0  # the retry waits for its time
    assert smtp_server.messages == []

    tasks_due_now()
    OutgoingEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    run_jobs()
    row.refresh_from_db()
    assert row.state == "sent" and row.attempts == 2 and row.last_error == ""
    assert len(smtp_server.messages) == 1


def test_an_email_refused_at_every_try_is_reported_failed_with_the_error(smtp_server, run_jobs):
    smtp_server.refuse = 99
    row = queued()
    for _attempt in range(len(outbox.RETRY_DELAYS) + 1):
        tasks_due_now()
        OutgoingEmail.objects.filter(pk=row.pk, state="queued").update(
            next_attempt_at=timezone.now()
        )
        run_jobs()
    row.refresh_from_db()
    assert row.state == "failed"
    assert row.attempts == len(outbox.RETRY_DELAYS) + 1
    assert "451" in row.last_error and "Try again later" in row.last_error
    assert row.failed_at is not None
    assert DBTaskResult.objects.filter(status="READY").count() == 0


def test_an_unreachable_server_is_retried_not_lost(settings, run_jobs):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there
    row = queued()
    run_jobs()
    row.refresh_from_db()
    assert row.state == "queued" and row.attempts == 1
    assert "ConnectionRefusedError" in row.last_error


def test_an_address_the_server_does_not_know_fails_at_once(smtp_server, run_jobs):
    row = queued()
    smtp_server.unknown.add(row.to_address)
    run_jobs()
    row.refresh_from_db()
    assert row.state == "failed" and row.attempts == 1
    assert "550" in row.last_error


@pytest.mark.parametrize("address", ["", "not-an-address", "a@b@c.example"])
def test_a_delegate_without_a_valid_address_is_refused_by_name(address):
    participation = factories.ParticipationFactory(person__email=address)
    with pytest.raises(ValidationError) as refused:
        queued(participation)
    assert participation.person.first_name in refused.value.messages[0]
    assert not OutgoingEmail.objects.exists()


def test_an_email_whose_task_was_lost_is_sent_by_the_next_worker(smtp_server, run_jobs):
    row = queued()
    DBTaskResult.objects.all().delete()  # as if the queue had lost it
    OutgoingEmail.objects.filter(pk=row.pk).update(
        next_attempt_at=timezone.now() - dt.timedelta(hours=1)
    )
    # A starting worker's housekeeping queues it again, then the worker sends it.
    run_jobs()
    row.refresh_from_db()
    assert row.state == "sent"
    assert len(smtp_server.messages) == 1


def test_an_email_waiting_for_its_time_is_not_queued_twice():
    row = queued()
    assert outbox.outgoing_emails_recover(timezone.now()) == 0
    assert DBTaskResult.objects.count() == 1
    assert OutgoingEmail.objects.get(pk=row.pk).state == "queued"


def test_an_email_sent_already_is_not_sent_twice_by_a_second_task(smtp_server, run_jobs):
    row = queued()
    outbox.outgoing_emails_enqueue(ids=[row.pk])  # a duplicate task
    run_jobs()
    assert len(smtp_server.messages) == 1


def test_resending_queues_a_copy_and_keeps_the_original(smtp_server, run_jobs):
    row = queued()
    run_jobs()
    row.refresh_from_db()
    copy = outgoing_email_resend(email=row, user=None)
    run_jobs()
    copy.refresh_from_db()
    assert copy.pk != row.pk and copy.state == "sent"
    assert copy.message_id != row.message_id
    first, second = (message["Subject"] for message in smtp_server.messages)
    assert first == second


def test_a_worker_sends_a_batch_over_one_connection(smtp_server, run_jobs):
    rows = [queued() for _ in range(5)]
    run_jobs()
    assert {m["To"] for m in smtp_server.messages} == {row.to_address for row in rows}
    assert OutgoingEmail.objects.filter(state="sent").count() == 5
