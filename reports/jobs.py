"""The reports app's background jobs: compiled bulletins, and mailing the follow-up digest.
See amf/jobs for how jobs run."""

import datetime as dt
import smtplib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from amf import downloads
from amf.jobs.kinds import JobProblem, TemporaryProblem, job_kind
from amf.jobs.services import job_attach_file, job_start
from amf.models import Job
from reports.digest import build_digest
from reports.exports import compilation_csv
from reports.models import Bulletin
from reports.pdfs import DOCUMENT_RELATED, compilation_pdf
from reports.services import follow_up_digest_send

COMPILE = "reports.compile_bulletins"
DIGEST = "reports.followup_digest"
# Waits before the second, third and fourth try to mail the digest, in seconds.
DIGEST_RETRY_DELAYS = (60, 5 * 60, 30 * 60)


def compilation_name(*, start: dt.date, end: dt.date, language: str, fmt: str) -> str:
    return f"bulletins-{start:%Y%m%d}-{end:%Y%m%d}-{language}.{fmt}"


def bulletins_compile_start(
    *, user, start: dt.date, end: dt.date, language: str, fmt: str, count: int
) -> Job:
    """Start a background job compiling the bulletins acknowledged from `start` to `end`.

    Side effects: a queued Job.
    """
    return job_start(
        kind=COMPILE,
        title=ngettext(
            "Compilation of %(count)d bulletin (%(format)s, %(start)s – %(end)s)",
            "Compilation of %(count)d bulletins (%(format)s, %(start)s – %(end)s)",
            count,
        )
        % {"count": count, "format": fmt.upper(), "start": start, "end": end},
        user=user,
        params={
            "start": start.isoformat(),
            "end": end.isoformat(),
            "language": language,
            "format": fmt,
        },
    )


@job_kind(COMPILE, label=gettext_lazy("Compiled bulletins"))
def bulletins_compile(job: Job, progress) -> None:
    params = job.params
    start, end = dt.date.fromisoformat(params["start"]), dt.date.fromisoformat(params["end"])
    language, fmt = params["language"], params["format"]
    bulletins = (
        Bulletin.objects.acknowledged_between(start, end)
        .select_related(*DOCUMENT_RELATED)
        .with_follow_up_counts()
    )
    progress.step(_("Compiling the bulletins."))
    if fmt == "csv":
        content, content_type = compilation_csv(bulletins, language=language), downloads.CSV
    else:
        content = compilation_pdf(list(bulletins), start=start, end=end, language=language)
        content_type = downloads.PDF
    job_attach_file(
        job=job,
        content=content,
        filename=compilation_name(start=start, end=end, language=language, fmt=fmt),
        content_type=content_type,
    )
    job.message = _("The compilation is ready to download.")


def follow_up_digest_queue(
    *, today: dt.date, days: int, recipients: list[str], title: str = ""
) -> Job:
    """Put mailing the follow-up digest (as of `today`) on the queue, in the active language.

    The worker builds and sends it, and tries again when the mail server cannot be reached.
    Side effects: a queued Job.
    """
    return job_start(
        kind=DIGEST,
        title=title or _("Follow-up digest of %(date)s") % {"date": today.isoformat()},
        params={"today": today.isoformat(), "days": days, "recipients": list(recipients)},
    )


@job_kind(DIGEST, label=gettext_lazy("Follow-up digest email"), retry_delays=DIGEST_RETRY_DELAYS)
def follow_up_digest_mail(job: Job, progress) -> None:
    params = job.params
    recipients = params["recipients"]
    digest = build_digest(today=dt.date.fromisoformat(params["today"]), days=params["days"])
    progress.step(_("Sending the digest."))
    try:
        follow_up_digest_send(digest=digest, recipients=recipients)
    except ValidationError as error:
        raise JobProblem(" ".join(error.messages)) from None
    except (OSError, smtplib.SMTPException) as error:
        raise TemporaryProblem(
            _("Could not send the digest to %(recipients)s: %(error)s")
            % {"recipients": ", ".join(recipients), "error": error}
        ) from None
    job.message = _("Mailed the digest to %(recipients)s.") % {"recipients": ", ".join(recipients)}
