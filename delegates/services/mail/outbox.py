"""The outbox: every email to a delegate is recorded, then sent by the worker, retried, and
its outcome written on its row.

Queueing writes an `OutgoingEmail` and, in the same transaction, a task on the background
queue (django-tasks' database backend): both are committed together or not at all, and the
worker sees the task only once the row it sends exists. A task carries the ids of up to
BATCH emails and sends them over one connection to the mail server. A failed send is tried
again after RETRY_DELAYS; after the last it is marked failed with the server's error, and the
row says so. Nothing is lost when a worker dies: the queue gives its task to the next
worker (amf/jobs/worker.py), a row is marked sent in the same transaction that holds it while
it is sent, and the worker's housekeeping re-queues any email left waiting past its time
(`outgoing_emails_recover`).
"""

import datetime as dt
import logging
import smtplib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from amf.jobs.services import housekeeping
from delegates.models import OutgoingEmail, Participation

logger = logging.getLogger("delegates.mail")

# Emails per task: each task sends its batch over one connection to the mail server.
BATCH = 100
# Seconds before the 2nd, 3rd, 4th and 5th try of an email the server did not take.
RETRY_DELAYS = (60, 5 * 60, 30 * 60, 2 * 60 * 60)
# An email still waiting this long after its time has lost its task: queue it again.
RECOVER_AFTER_SECONDS = 10 * 60
LANGUAGES = ("th", "en")


def _message_id() -> str:
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return make_msgid(domain=domain)


def delegate_address(participation: Participation) -> str:
    """The delegate's email address, checked; ValidationError naming the delegate if none."""
    person = participation.person
    address = (person.email or "").strip()
    if person.anonymised_at is not None or not address:
        raise ValidationError(
            _("%(person)s has no email address.") % {"person": person}, code="no_address"
        )
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError(
            _("The email address of %(person)s is not valid: %(address)s")
            % {"person": person, "address": address},
            code="bad_address",
        ) from None
    return address


@dataclass(frozen=True)
class Draft:
    """One email to write: to whom, in which language, what it says."""

    participation: Participation
    subject: str
    body: str
    language: str


def _row(draft: Draft, *, kind: str, user, now) -> OutgoingEmail:
    if kind not in OutgoingEmail.Kind.values:
        raise ValueError(f"Unknown kind of email {kind!r}")
    if draft.language not in LANGUAGES:
        raise ValueError(f"Unknown language {draft.language!r}")
    participation = draft.participation
    return OutgoingEmail(
        forum_id=participation.forum_id,
        participation=participation,
        person_id=participation.person_id,
        kind=kind,
        language=draft.language,
        to_address=delegate_address(participation),
        subject=" ".join(str(draft.subject).split())[:255],
        body=str(draft.body),
        message_id=_message_id(),
        next_attempt_at=now,
        queued_by=user if user is not None and user.is_authenticated else None,
    )


def outgoing_emails_enqueue(*, ids: Sequence[int], run_after=None) -> int:
    """Put sending the emails `ids` on the background queue, BATCH to a task.

    Side effects: one queued task per BATCH emails, in the current transaction. Returns the
    number of tasks.
    """
    from delegates.tasks import outgoing_emails_send_task

    task = outgoing_emails_send_task.using(run_after=run_after) if run_after else None
    ids = list(ids)
    for start in range(0, len(ids), BATCH):
        (task or outgoing_emails_send_task).enqueue(ids[start : start + BATCH])
    return (len(ids) + BATCH - 1) // BATCH


@transaction.atomic
def outgoing_email_queue(
    *, participation: Participation, kind: str, subject: str, body: str, language: str, user=None
) -> OutgoingEmail:
    """Record one email to the participation's person and queue its sending.

    `subject` and `body` are the final text (see `participation_email_render` for filling
    placeholders); `kind` is one of OutgoingEmail.Kind. Raises ValidationError if the person
    has no valid address. Side effects: an OutgoingEmail row (state "queued") and its task on
    the background queue, committed together; the worker sends it, retries it, and records
    the outcome on the row.
    """
    email = _row(
        Draft(participation=participation, subject=subject, body=body, language=language),
        kind=kind,
        user=user,
        now=timezone.now(),
    )
    email.save()
    outgoing_emails_enqueue(ids=[email.pk])
    return email


@transaction.atomic
def outgoing_emails_queue_many(*, drafts: Iterable[Draft], kind: str, user=None) -> list[int]:
    """Record many emails at once and queue their sending: for invitations and messages.

    Every draft's address must be valid (ValidationError otherwise, nothing written).
    Side effects: the OutgoingEmail rows, written in bulk, and one task per BATCH of them.
    Returns the new emails' ids.
    """
    now = timezone.now()
    rows = [_row(draft, kind=kind, user=user, now=now) for draft in drafts]
    created = OutgoingEmail.objects.bulk_create(rows, batch_size=500)
    ids = [row.pk for row in created]
    outgoing_emails_enqueue(ids=ids)
    return ids


@transaction.atomic
def outgoing_email_resend(*, email: OutgoingEmail, user=None) -> OutgoingEmail:
    """Queue a copy of `email` (same text, to the person's current address).

    Side effects: a new OutgoingEmail and its task; the original stays as it was.
    """
    if email.erased_at is not None or email.participation is None:
        raise ValidationError(_("This email can no longer be sent."), code="erased")
    return outgoing_email_queue(
        participation=email.participation,
        kind=email.kind,
        subject=email.subject,
        body=email.body,
        language=email.language,
        user=user,
    )


def email_message(email: OutgoingEmail, *, connection=None) -> EmailMultiAlternatives:
    """The message the mail server receives for `email`: plain text and an HTML alternative."""
    with translation.override(email.language):
        html = render_to_string(
            "delegates/outgoingemail_body.html",
            {"email": email, "from_name": _("International Affairs Office")},
        )
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to_address],
        connection=connection,
        headers={"Message-ID": email.message_id, "Content-Language": email.language},
    )
    message.attach_alternative(html, "text/html")
    return message


def permanent(error: Exception) -> bool:
    """Whether the server refused for good (a 5xx for the address): no retry would help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    return False


def _describe(error: Exception) -> str:
    return (f"{type(error).__name__}: {error}")[:1000]


def outgoing_emails_send(*, ids: Sequence[int], now=None) -> dict[str, int]:
    """Send the queued, due emails among `ids` over one connection; the worker calls this.

    Each email is held (row lock, skipping rows another worker holds) in a transaction of its
    own while it is sent, and marked sent in it; so a worker that dies mid-send leaves it
    queued, to be sent again by the next. Side effects: each row becomes sent, or queued again
    for a later try (with its error, and a task for that time), or failed after the last try.
    Returns how many were sent, retried and failed.
    """
    counts = {"sent": 0, "retried": 0, "failed": 0}
    retry_at: dict = defaultdict(list)
    connection = None
    try:
        for pk in ids:
            with transaction.atomic():
                at = now or timezone.now()
                email = (
                    OutgoingEmail.objects.select_for_update(skip_locked=True)
                    .due(now=at)
                    .filter(pk=pk)
                    .first()
                )
                if email is None:
                    continue  # sent already, not yet due, erased, or held by another worker
                email.attempts += 1
                try:
                    if connection is None:
                        connection = get_connection(fail_silently=False)
                        connection.open()
                    email_message(email, connection=connection).send()
                except Exception as error:
                    if connection is not None:
                        _close(connection)
                        connection = None
                    outcome = _failed(email, error, at=at)
                    counts[outcome] += 1
                    if outcome == "retried":
                        retry_at[email.next_attempt_at].append(email.pk)
                else:
                    email.state = OutgoingEmail.State.SENT
                    email.sent_at = timezone.now()
                    email.last_error = ""
                    email.next_attempt_at = None
                    email.save(
                        update_fields=[
                            "state",
                            "sent_at",
                            "attempts",
                            "last_error",
                            "next_attempt_at",
                        ]
                    )
                    counts["sent"] += 1
        for when, retry_ids in retry_at.items():
            outgoing_emails_enqueue(ids=retry_ids, run_after=when)
    finally:
        if connection is not None:
            _close(connection)
    return counts


def _close(connection) -> None:
    try:
        connection.close()
    except Exception:
        logger.debug("Closing the mail connection failed", exc_info=True)


def _failed(email: OutgoingEmail, error: Exception, *, at) -> str:
    email.last_error = _describe(error)
    if permanent(error) or email.attempts > len(RETRY_DELAYS):
        email.state = OutgoingEmail.State.FAILED
        email.failed_at = at
        email.next_attempt_at = None
        outcome = "failed"
        # No address or text in the log: the row, which only registrars read, has them.
        logger.error(
            "Email %s failed after %d tries: %s", email.pk, email.attempts, type(error).__name__
        )
    else:
        email.next_attempt_at = at + dt.timedelta(seconds=RETRY_DELAYS[email.attempts - 1])
        outcome = "retried"
        logger.warning(
            "Email %s not sent (try %d): %s", email.pk, email.attempts, type(error).__name__
        )
    email.save(update_fields=["state", "attempts", "last_error", "next_attempt_at", "failed_at"])
    return outcome


@housekeeping
def outgoing_emails_recover(now) -> int:
    """Queue again the emails waiting well past their time, whose task was lost.

    Side effects: their next try is set to now and a task queued for them. Returns how many.
    """
    late = now - dt.timedelta(seconds=RECOVER_AFTER_SECONDS)
    with transaction.atomic():
        ids = list(
            OutgoingEmail.objects.due(now=late)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:10000]
        )
        if ids:
            OutgoingEmail.objects.filter(pk__in=ids).update(next_attempt_at=now)
            outgoing_emails_enqueue(ids=ids)
            logger.warning("Queued again %d emails whose sending was lost", len(ids))
    return len(ids)


@transaction.atomic
def outgoing_emails_erase(*, people: Iterable[int]) -> int:
    """Erase the addresses and texts of the emails to these people (an anonymisation).

    Side effects: their address, subject and text become empty; those still waiting are
    marked failed and never sent. What kind of email, when and how it went stay, for counts.
    Returns how many were erased.
    """
    now = timezone.now()
    emails = OutgoingEmail.objects.filter(person__in=list(people), erased_at=None)
    emails.filter(state=OutgoingEmail.State.QUEUED).update(
        state=OutgoingEmail.State.FAILED, failed_at=now, next_attempt_at=None
    )
    return emails.update(to_address="", subject="", body="", last_error="", erased_at=now)
