"""Writes for background jobs: starting, finishing, retrying and forgetting them."""

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from amf.binary import binary_field_write
from amf.jobs.kinds import KINDS, kind_of
from amf.models import Job, JobFile, WorkerHeartbeat

# Other apps' clean-ups (expired uploads) that the worker runs with its own; see `housekeeping`.
HOUSEKEEPING: list[Callable[[dt.datetime], int]] = []


def housekeeping(func: Callable[[dt.datetime], int]) -> Callable[[dt.datetime], int]:
    """Have the worker call `func(now)` every few minutes, with `jobs_purge`."""
    HOUSEKEEPING.append(func)
    return func


def _enqueue(job: Job, *, run_after: dt.datetime | None = None) -> None:
    from amf.jobs.tasks import run_job

    task = run_job.using(run_after=run_after) if run_after else run_job
    result = task.enqueue(job.pk)
    job.task_id = str(result.id)
    Job.objects.filter(pk=job.pk).update(task_id=job.task_id)


@transaction.atomic
def job_start(*, kind: str, title: str, user=None, forum=None, params: dict | None = None) -> Job:
    """Record a job of `kind` and put it on the queue for the worker.

    `params` hold plain values only (ids, dates as text, choices), never objects. The job's
    messages will be in the active language. Side effects: one Job row and one queued task,
    written together or not at all.
    """
    if kind not in KINDS:
        raise ValueError(f"Unknown job kind {kind!r}")
    job = Job.objects.create(
        kind=kind,
        title=str(title)[:255],
        user=user if user is not None and user.is_authenticated else None,
        forum=forum,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        params=params or {},
        message=_("Waiting for the background worker."),
    )
    _enqueue(job)
    return job


def job_running(*, job: Job) -> None:
    """Mark `job` as started by a worker (once more, if it is a retry)."""
    job.state = Job.State.RUNNING
    job.started_at = timezone.now()
    job.attempts += 1
    job.progress_done = job.progress_total = 0
    job.message = _("Started.")
    job.save(
        update_fields=[
            "state",
            "started_at",
            "attempts",
            "progress_done",
            "progress_total",
            "message",
        ]
    )


def job_finish(*, job: Job, state: str, message: str = "", errors: list[str] | None = None) -> None:
    """End `job` as succeeded or failed, keeping its outcome and file for JOBS_RESULT_HOURS.

    Side effects: saves the job's state, message, problems, outcome and times.
    """
    now = timezone.now()
    job.state = state
    job.finished_at = now
    job.expires_at = now + dt.timedelta(hours=settings.JOBS_RESULT_HOURS)
    if message:
        job.message = str(message)[:500]
    if errors is not None:
        job.errors = [str(error) for error in errors]
    if state == Job.State.SUCCEEDED and job.progress_total:
        job.progress_done = job.progress_total
    job.save(
        update_fields=[
            "state",
            "finished_at",
            "expires_at",
            "message",
            "errors",
            "outcome",
            "progress_done",
            "progress_total",
        ]
    )


def job_requeue(*, job: Job, after: int, message: str) -> None:
    """Put `job` back on the queue to be tried again in `after` seconds."""
    run_after = timezone.now() + dt.timedelta(seconds=after)
    job.state = Job.State.QUEUED
    job.message = str(message)[:500]
    job.save(update_fields=["state", "message"])
    _enqueue(job, run_after=run_after)


def job_interrupted(*, job_id: int) -> None:
    """Say that `job_id` stopped with its worker and waits to be started again."""
    Job.objects.filter(pk=job_id, state=Job.State.RUNNING).update(
        state=Job.State.QUEUED,
        message=_("The worker stopped during this job; it starts again with the next worker."),
    )


@transaction.atomic
def job_attach_file(*, job: Job, content: bytes, filename: str, content_type: str) -> JobFile:
    """Keep `content` as the file `job` produced, for its user to download."""
    JobFile.objects.filter(job=job).delete()
    file = JobFile.objects.create(
        job=job, name=filename[:255], content_type=content_type, size=len(content), data=b""
    )
    binary_field_write(model=JobFile, pk=file.pk, field="data", data=content)
    return file


def job_can_retry(job: Job) -> bool:
    kind = kind_of(job)
    return job.state == Job.State.FAILED and kind is not None and kind.retryable(job)


@transaction.atomic
def job_retry(*, job: Job) -> bool:
    """Start a failed job again, with the same parameters; False if it cannot be.

    Side effects: clears its outcome, problems and file, and queues it.
    """
    job = Job.objects.select_for_update().get(pk=job.pk)
    if not job_can_retry(job):
        return False
    JobFile.objects.filter(job=job).delete()
    job.state = Job.State.QUEUED
    job.errors, job.outcome = [], {}
    job.progress_done = job.progress_total = 0
    job.finished_at = job.expires_at = None
    with translation.override(job.language):
        job.message = _("Waiting for the background worker.")
    job.save()
    _enqueue(job)
    return True


@transaction.atomic
def jobs_results_forget(*, forum_ids) -> int:
    """Delete the files, previews and problem lists of the jobs about these forums, at once
    rather than when they expire: for an anonymisation, which must leave no personal data.

    Side effects: deletes those jobs' files and clears their outcome and problems; the
    jobs' records stay. Returns how many jobs had something cleared.
    """
    jobs = Job.objects.filter(forum_id__in=list(forum_ids)).exclude(expires_at=None)
    JobFile.objects.filter(job__in=jobs).delete()
    return jobs.update(outcome={}, errors=[], expires_at=None)


def jobs_purge(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Forget what is past its time: jobs' results, old jobs, silent workers, and whatever
    the apps registered with `housekeeping` (expired uploads).

    Side effects: deletes job files and clears the outcome and problems of jobs past
    JOBS_RESULT_HOURS; deletes jobs finished more than JOBS_HISTORY_DAYS ago.
    """
    now = now or timezone.now()
    expired = Job.objects.results_expired(now=now)
    files, _details = JobFile.objects.filter(job__in=expired).delete()
    cleared = expired.update(outcome={}, errors=[], expires_at=None)
    deleted, _details = Job.objects.past_history(now=now).delete()
    history = now - dt.timedelta(days=settings.JOBS_HISTORY_DAYS)
    tasks, _details = DBTaskResult.objects.finished().filter(finished_at__lt=history).delete()
    WorkerHeartbeat.objects.filter(seen_at__lt=now - dt.timedelta(days=1)).delete()
    counts = {"results": cleared, "files": files, "jobs": deleted, "tasks": tasks}
    for func in HOUSEKEEPING:
        counts[func.__name__] = func(now)
    return counts
