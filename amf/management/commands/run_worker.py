"""python manage.py run_worker [--batch] [--check]: work off the background jobs."""

import datetime as dt
import logging
import socket

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from amf.jobs.worker import Worker
from amf.models import WorkerHeartbeat


class Command(BaseCommand):
    help = (
        "Run the background worker: imports, large exports and PDFs, compilations and the "
        "digest's email. Stops after the current job on SIGINT or SIGTERM; a second signal "
        "stops it at once and the job waits for the next worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="Run the jobs waiting now, then exit."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between looks at the queue when it is empty (1).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit 0 if a worker on this host has been heard of lately, 1 if not "
            "(a container's health check).",
        )

    def handle(self, *args, batch, interval, check, verbosity, **options):
        if check:
            return self.check_alive()
        if interval < 0:
            raise CommandError("--interval cannot be negative.")
        logging.getLogger("amf.jobs").setLevel(logging.INFO if verbosity else logging.WARNING)
        worker = Worker(
            queue_names=["default"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=None,
            excluded_queue_names=[],
        )
        # No reloading on code changes: Django's reloader would run the jobs in a thread that
        # the signals cannot stop cleanly. Restart the worker after changing a job's code.
        worker.configure_signals()
        worker.run()

    def check_alive(self):
        lease = dt.timedelta(seconds=settings.JOBS_WORKER_LEASE_SECONDS)
        alive = WorkerHeartbeat.objects.filter(
            host=socket.gethostname(), seen_at__gte=timezone.now() - lease
        ).exists()
        if not alive:
            raise CommandError("No worker on this host has been heard of lately.", returncode=1)
