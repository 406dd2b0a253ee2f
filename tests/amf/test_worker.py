"""The worker gives back to the queue the jobs of workers that died, and its own when stopped.

tests/amf/test_worker_process.py shows the same with real worker processes.
"""

import datetime as dt
import os
import socket
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from amf.jobs.kinds import KINDS, job_kind
from amf.jobs.services import job_running, job_start
from amf.jobs.worker import MAX_CLAIMS, tasks_reclaim
from amf.models import Job, WorkerHeartbeat

pytestmark = pytest.mark.django_db

KIND = "tests.counts"


@pytest.fixture(autouse=True)
def counting_kind():
    runs = []

    def work(job, progress):
        runs.append(job.pk)
        job.message = "Counted."

    job_kind(KIND, label="Counts")(work)
    yield runs
    del KINDS[KIND]


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def claimed_by(worker_id: str, *, host="elsewhere", pid=1, seen=None, claims=1) -> Job:
    """A job whose task a worker claimed and started, that worker last heard of at `seen`."""
    with translation.override("en"):
        job = job_start(kind=KIND, title="Counting")
    task = DBTaskResult.objects.get(id=job.task_id)
    for number in range(claims):
        task.claim(worker_id if number == claims - 1 else f"earlier-{number}")
    job_running(job=job)
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": host, "pid": pid, "seen_at": seen or timezone.now()},
    )
    return job


def task_status(job: Job) -> str:
    return DBTaskResult.objects.get(id=job.task_id).status


def test_a_job_whose_worker_fell_silent_is_queued_again_and_then_done(run_jobs, counting_kind):
    job = claimed_by("silent", seen=timezone.now() - dt.timedelta(minutes=5))

    assert tasks_reclaim(worker_id="me") == 1

    job.refresh_from_db()
    assert task_status(job) == "READY"
    assert job.state == "queued"
    assert "The worker stopped during this job" in job.message
    run_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("succeeded", 2)
    assert counting_kind == [job.pk]


def test_a_job_whose_worker_process_ended_on_this_machine_is_queued_again_at_once():
    job = claimed_by("ended", host=socket.gethostname(), pid=dead_pid())

    assert tasks_reclaim(worker_id="me") == 1
    assert task_status(job) == "READY"


def test_a_live_workers_job_and_the_workers_own_are_left_alone():
    elsewhere = claimed_by("busy-elsewhere")
    here = claimed_by("busy-here", host=socket.gethostname(), pid=os.getpid())
    own = claimed_by("me", seen=timezone.now() - dt.timedelta(hours=1))

    assert tasks_reclaim(worker_id="me") == 0

    assert {task_status(job) for job in (elsewhere, here, own)} == {"RUNNING"}


def test_a_job_that_killed_its_worker_too_often_is_given_up_and_says_why():
    job = claimed_by("last", seen=timezone.now() - dt.timedelta(hours=1), claims=MAX_CLAIMS)

    tasks_reclaim(worker_id="me")

    job.refresh_from_db()
    assert task_status(job) == "FAILED"
    assert job.state == "failed"
    assert "The worker stopped 3 times while doing this job" in job.message


def test_a_worker_stopped_in_the_middle_of_a_job_puts_it_back_on_the_queue(run_jobs):
    def interrupted(job, progress):
        raise SystemExit(1)  # what the worker's signal handler raises on a second signal

    job_kind("tests.interrupted", label="Interrupted")(interrupted)
    try:
        with translation.override("en"):
            job = job_start(kind="tests.interrupted", title="Interrupted")
        with pytest.raises(SystemExit):
            run_jobs()
    finally:
        del KINDS["tests.interrupted"]

    job.refresh_from_db()
    assert task_status(job) == "READY"
    assert job.state == "queued"
    assert "starts again with the next worker" in job.message


def test_the_worker_says_it_is_alive_only_while_it_runs(run_jobs):
    with pytest.raises(CommandError):
        call_command("run_worker", "--check")

    WorkerHeartbeat.objects.create(worker_id="here", host=socket.gethostname(), pid=os.getpid())
    call_command("run_worker", "--check")

    run_jobs()
    assert not WorkerHeartbeat.objects.exclude(worker_id="here").exists()
