"""Run one background job in the worker: its work, then its report to the user.

The outcome is always written to the job: done, failed with a message saying what failed
(and the details, such as a file's bad rows), or waiting for another try. A failure that
is not the user's to fix is logged with its traceback and raised again, so that the queue's
record of the task keeps it for the technical staff.
"""

import logging

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from amf.jobs.kinds import JobProblem, TemporaryProblem, kind_of
from amf.jobs.progress import Progress
from amf.jobs.services import job_finish, job_interrupted, job_requeue, job_running
from amf.models import Job

logger = logging.getLogger("amf.jobs")

UNEXPECTED = gettext_noop(
    "An unexpected error stopped this job; nothing of it was saved. The technical staff can "
    "read what happened in the worker's log. Try again later."
)


def job_run(job_id: int) -> None:
    job = Job.objects.select_related("user", "forum").filter(pk=job_id).first()
    if job is None or job.is_finished:
        # Deleted since, or already done by a worker that stopped before telling the queue.
        return
    kind = kind_of(job)
    job_running(job=job)
    progress = Progress(job)
    try:
        with translation.override(job.language):
            try:
                if kind is None:
                    raise JobProblem(_("This kind of job is not known to this version."))
                kind.run(job, progress)
            except TemporaryProblem as problem:
                if job.attempts <= len(kind.retry_delays):
                    delay = kind.retry_delays[job.attempts - 1]
                    job_requeue(
                        job=job,
                        after=delay,
                        message=_("%(problem)s It will be tried again in %(minutes)d minutes.")
                        % {"problem": problem.message, "minutes": max(1, round(delay / 60))},
                    )
                    return
                logger.error("Job %s (%s) gave up: %s", job.pk, job.kind, problem.message)
                job_finish(
                    job=job, state=Job.State.FAILED, message=problem.message, errors=problem.errors
                )
            except JobProblem as problem:
                job_finish(
                    job=job, state=Job.State.FAILED, message=problem.message, errors=problem.errors
                )
            except Exception:
                logger.exception("Job %s (%s) failed", job.pk, job.kind)
                job.refresh_from_db(fields=["outcome"])
                job_finish(job=job, state=Job.State.FAILED, message=_(UNEXPECTED), errors=[])
                raise
            else:
                if not job.is_finished:
                    job_finish(job=job, state=Job.State.SUCCEEDED)
    except (KeyboardInterrupt, SystemExit):
        # The worker is being stopped: whatever the job wrote in a transaction is rolled
        # back, and the job waits for the next worker.
        with translation.override(job.language):
            job_interrupted(job_id=job.pk)
        raise
    finally:
        progress.close()
