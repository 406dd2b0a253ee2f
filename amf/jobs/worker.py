"""The background worker: django-tasks-db's, made to survive its own death.

django-tasks-db leaves a task marked as running for ever when its worker dies mid-task
(its issue #5). This worker says it is alive (a WorkerHeartbeat row, renewed every few
seconds by a thread of its own) and gives back to the queue the running tasks of workers that
are gone: on the same machine as soon as their process is, elsewhere once they have been
silent for JOBS_WORKER_LEASE_SECONDS. A job whose worker died three times is failed rather
than retried for ever (it may be what kills the worker, by eating its memory).

A worker stopped by a signal finishes its job first; a second signal stops it at once and the
job goes back to the queue, whole, for the next worker (its transaction is rolled back).
"""

import contextlib
import datetime as dt
import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, connections
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django_tasks.signals import task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from amf.jobs.services import job_finish, job_interrupted, jobs_purge
from amf.models import Job, WorkerHeartbeat

logger = logging.getLogger("amf.jobs")

# A task whose worker died this many times is failed rather than run again.
MAX_CLAIMS = 3
# How often the worker's own clean-up (expired results and uploads) runs, in seconds.
PURGE_INTERVAL = 300


def new_worker_id() -> str:
    return f"{socket.gethostname()[:20]}-{os.getpid()}-{get_random_string(8)}"


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def heartbeat(*, worker_id: str, now: dt.datetime | None = None) -> None:
    """Record that worker `worker_id` (this process) is alive."""
    now = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            host=socket.gethostname(),
            pid=os.getpid(),
            started_at=now,
            seen_at=now,
        )


def worker_is_gone(beat: WorkerHeartbeat | None, *, now: dt.datetime, lease: dt.timedelta) -> bool:
    if beat is None or beat.seen_at < now - lease:
        return True
    return beat.host == socket.gethostname() and not process_alive(beat.pid)


def tasks_reclaim(*, worker_id: str, now: dt.datetime | None = None) -> int:
    """Give back to the queue the running tasks of workers that are gone; return how many.

    Side effects: such a task becomes ready again and its job waits once more, or, when its
    workers died MAX_CLAIMS times, both are marked failed.
    """
    now = now or timezone.now()
    lease = dt.timedelta(seconds=settings.JOBS_WORKER_LEASE_SECONDS)
    running = list(DBTaskResult.objects.running())
    if not running:
        return 0
    owners = {task.worker_ids[-1] for task in running if task.worker_ids}
    beats = {beat.worker_id: beat for beat in WorkerHeartbeat.objects.filter(worker_id__in=owners)}
    reclaimed = 0
    for task in running:
        owner = task.worker_ids[-1] if task.worker_ids else None
        if owner == worker_id or not worker_is_gone(beats.get(owner), now=now, lease=lease):
            continue
        # Compare-and-set on the claim's time, so that two workers never both reclaim it.
        claim = DBTaskResult.objects.filter(
            id=task.id, status=task.status, started_at=task.started_at
        )
        if len(task.worker_ids) >= MAX_CLAIMS:
            if claim.update(status="FAILED", finished_at=now, traceback="Worker died."):
                for job in Job.objects.filter(task_id=str(task.id)).unfinished():
                    with translation.override(job.language):
                        job_finish(
                            job=job,
                            state=Job.State.FAILED,
                            message=_(
                                "The worker stopped %(times)d times while doing this job, so it "
                                "was given up. It may need more memory than the worker has."
                            )
                            % {"times": len(task.worker_ids)},
                        )
                logger.error("Task %s failed: its worker died %d times", task.id, MAX_CLAIMS)
        elif claim.update(status="READY"):
            reclaimed += 1
            for job in Job.objects.filter(task_id=str(task.id)).unfinished():
                with translation.override(job.language):
                    job_interrupted(job_id=job.pk)
            logger.warning("Task %s is queued again: its worker %s is gone", task.id, owner)
    return reclaimed


def task_release(db_task_result: DBTaskResult) -> None:
    """Put a task this worker was running back on the queue, for the next worker."""
    DBTaskResult.objects.filter(id=db_task_result.id, status="RUNNING").update(status="READY")


class Worker(DatabaseWorker):
    """django-tasks-db's worker, with a heartbeat and the reclaiming of dead workers' tasks.

    `housekeeping_thread=False` does that work once, in this thread, before the loop: for a
    single pass (`batch`) run inside a test's transaction.
    """

    def __init__(self, *, housekeeping_thread: bool = True, **kwargs):
        kwargs.setdefault("worker_id", new_worker_id())
        super().__init__(**kwargs)
        self.housekeeping_thread = housekeeping_thread
        self.stopping = threading.Event()
        self.purged_at = 0.0

    def housekeeping(self) -> None:
        heartbeat(worker_id=self.worker_id)
        tasks_reclaim(worker_id=self.worker_id)
        if time.monotonic() - self.purged_at >= PURGE_INTERVAL or not self.purged_at:
            self.purged_at = time.monotonic()
            jobs_purge()

    def keep_house(self) -> None:
        interval = max(1.0, settings.JOBS_WORKER_LEASE_SECONDS / 6)
        while not self.stopping.wait(interval):
            try:
                self.housekeeping()
            except DatabaseError as error:
                # A locked SQLite file or a database restart: the next round tries again.
                logger.warning("Worker housekeeping failed: %s", error)
            finally:
                close_old_connections()
        connections.close_all()

    def run(self) -> None:
        logger.info("Worker %s started", self.worker_id)
        self.housekeeping()
        thread = None
        if self.housekeeping_thread:
            thread = threading.Thread(target=self.keep_house, name="worker-housekeeping")
            thread.daemon = True
            thread.start()
        try:
            self.loop()
        finally:
            self.stopping.set()
            if thread is not None:
                thread.join(timeout=5)
            with contextlib.suppress(DatabaseError):
                WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
            logger.info("Worker %s stopped", self.worker_id)

    def shutdown(self, signum, frame) -> None:
        """The first signal stops the worker after its job (at once when idle); a second one
        during a job stops it at once, the job going back to the queue. Signals after that,
        or while an idle worker takes its leave, are let be, so that it leaves cleanly."""
        if self.running_task and not self.running:
            logger.warning("Stopping at once; the job goes back to the queue.")
            self.reset_signals()
            raise SystemExit(1)
        if not self.running:
            return
        self.running = False
        if not self.running_task:
            raise SystemExit(0)
        logger.warning("Stopping after the current job (signal again to stop at once).")

    def close_connections(self) -> None:
        # Like a request's end; but never inside a transaction, which only a test runs us in.
        if not connection.in_atomic_block:
            close_old_connections()

    def claim_next(self) -> tuple[DBTaskResult | None, bool]:
        """The next ready task, claimed for this worker; and whether the queue could be read."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
                return task_result, True
            except DatabaseError as error:
                if is_locked_database_exception(error):
                    return None, False
                raise

    def loop(self) -> None:
        if self.startup_delay and self.interval:
            # Several workers starting together do not all poll at once.
            time.sleep(self.interval * (os.getpid() % 10) / 10)
        while self.running:
            self.close_connections()
            task_result, readable = self.claim_next()
            if task_result is not None:
                self.run_task(task_result)
            elif self.batch and readable:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            self.close_connections()
            if self.running and task_result is None:
                time.sleep(self.interval)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Run a claimed task and record how it ended, as django-tasks-db does, except that a
        task interrupted by the worker's own stop is released to the queue, not failed."""
        self.running_task = True
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend = type(task.get_backend())
            task_started.send(sender=backend, task_result=task_result)
            return_value = task.call(*task_result.args, **task_result.kwargs)
            db_task_result.set_successful(return_value)
            task_finished.send(sender=backend, task_result=db_task_result.task_result)
        except (KeyboardInterrupt, SystemExit):
            task_release(db_task_result)
            logger.warning("Task %s was interrupted and is queued again", db_task_result.id)
            raise
        except Exception as error:
            db_task_result.set_failed(error)
            try:
                backend = type(db_task_result.task.get_backend())
                task_finished.send(sender=backend, task_result=db_task_result.task_result)
            except Exception:
                logger.exception("Task %s failed", db_task_result.id)
        finally:
            self.running_task = False
            self._run_tasks += 1
