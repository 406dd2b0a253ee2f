"""The weekly digest: overdue and due-soon actions per owning unit, printed or mailed."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from amf.jobs.services import job_retry
from amf.models import Job
from reports.jobs import DIGEST, DIGEST_RETRY_DELAYS
from tests.factories import FollowUpActionFactory, OrganisationFactory, SuperuserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actions():
    office = OrganisationFactory(
        name_en="International Affairs Office", name_th="สำนักงานการต่างประเทศ"
    )
    works = OrganisationFactory(name_en="Public Works Department", name_th="สำนักการโยธา")
    FollowUpActionFactory(owner=office, due_on=dt.date(2019, 10, 14), title_en="Send the statement")
    FollowUpActionFactory(owner=works, due_on=dt.date(2019, 10, 18), title_en="Survey the canal")
    FollowUpActionFactory(owner=works, due_on=dt.date(2019, 12, 1), title_en="Far future")
    FollowUpActionFactory(
        owner=office, due_on=dt.date(2019, 10, 1), status="done", completed_on=dt.date(2019, 10, 2),
        title_en="Already done",
    )  # fmt: skip


def digest(*args) -> str:
    out = io.StringIO()
    call_command("followup_digest", "--today", "2019-10-16", *args, stdout=out)
    return out.getvalue()


def test_the_digest_prints_overdue_and_due_soon_actions_under_their_owning_unit(actions):
    text = digest("--language", "en")

    # Units follow Thai dictionary order: สำนักการโยธา before สำนักงานการต่างประเทศ.
    works = text.index("== Public Works Department ==")
    office = text.index("== International Affairs Office ==")
    assert works < text.index("Due within 7 days:") < text.index("Survey the canal") < office
    assert office < text.index("Overdue:") < text.index("Send the statement")
    assert "due 18 October 2019" in text
    assert "Far future" not in text
    assert "Already done" not in text


def test_the_thai_digest_writes_buddhist_era_dates(actions):
    text = digest()

    assert "เรื่องที่ต้องติดตาม ณ วันที่ 16 ตุลาคม 2562" in text
    assert "กำหนด 14 ตุลาคม 2562" in text


def test_the_digest_says_so_when_nothing_is_due(db):
    assert "No action is overdue or due soon." in digest("--language", "en")


def test_with_email_the_digest_is_mailed_by_the_background_worker(actions, settings, run_jobs):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.FOLLOWUP_DIGEST_RECIPIENTS = []
    SuperuserFactory(email="chief@example.org")

    printed = digest("--email", "--language", "en")

    assert mail.outbox == []
    job = Job.objects.get(kind=DIGEST)
    assert f"background job {job.pk}" in printed
    run_jobs()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chief@example.org"]
    assert message.subject == "Follow-up actions: overdue and due by 23 October 2019"
    assert "Send the statement" in message.body
    assert "Survey the canal" in message.body
    assert "chief@example.org" in printed
    job.refresh_from_db()
    assert (job.state, job.message) == ("succeeded", "Mailed the digest to chief@example.org.")


def test_configured_recipients_take_precedence(actions, settings, run_jobs):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.FOLLOWUP_DIGEST_RECIPIENTS = ["followup@example.org"]
    SuperuserFactory(email="chief@example.org")

    digest("--email")
    run_jobs()

    assert mail.outbox[0].to == ["followup@example.org"]


def test_without_anyone_to_mail_the_command_says_what_to_set(actions, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.FOLLOWUP_DIGEST_RECIPIENTS = []

    with pytest.raises(CommandError, match="FOLLOWUP_DIGEST_RECIPIENTS"):
        digest("--email")

    assert mail.outbox == []


def test_a_malformed_date_is_named(db):
    with pytest.raises(CommandError, match="not a date"):
        call_command("followup_digest", "--today", "16/10/2019")


def test_a_mail_server_out_of_reach_is_tried_again_then_reported_never_lost(
    actions, settings, run_jobs
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens on discard
    settings.FOLLOWUP_DIGEST_RECIPIENTS = ["followup@example.org"]

    digest("--email", "--language", "en")
    run_jobs()

    job = Job.objects.get(kind=DIGEST)
    assert job.state == "queued"
    assert job.message.startswith("Could not send the digest to followup@example.org:")
    assert "It will be tried again in 1 minutes." in job.message
    tries = 1
    while job.state == "queued":
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_jobs()
        job.refresh_from_db()
        tries += 1

    assert tries == 1 + len(DIGEST_RETRY_DELAYS)
    assert job.state == "failed"
    assert job.message.startswith("Could not send the digest to followup@example.org:")
    # Still there to be sent once the server is back: retrying sends the same digest.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert job_retry(job=job)
    run_jobs()
    assert len(mail.outbox) == 1
    assert "Send the statement" in mail.outbox[0].body
