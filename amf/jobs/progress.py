"""A running job's progress, written to its row while the work goes on.

An import checks and writes its rows inside one transaction, so that it is all or nothing;
progress written through that transaction would show only once it commits. On PostgreSQL the
progress goes through a connection of its own, which commits at once. On SQLite the job's
transaction holds the file's only write lock, so within it the page keeps the step's message
until the transaction ends.
"""

import logging
import time

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from amf.models import Job

logger = logging.getLogger("amf.jobs")

# Written at most this often, in seconds: a page polls about once a second.
INTERVAL = 0.5


class Progress:
    """Call it as `progress(done, total)`; `step(message)` starts a new stage of the work."""

    def __init__(self, job: Job):
        self.job = job
        self.written_at = 0.0
        self.side = None

    def __call__(self, done: int, total: int) -> None:
        self.job.progress_done, self.job.progress_total = max(0, done), max(0, total)
        now = time.monotonic()
        if now - self.written_at >= INTERVAL or (total and done >= total):
            self.written_at = now
            self.write()

    def step(self, message: str, *, done: int = 0, total: int = 0) -> None:
        """Name the stage the job is at (in its user's language) and restart the count."""
        self.job.message = str(message)[:500]
        self.job.progress_done, self.job.progress_total = done, total
        self.written_at = time.monotonic()
        self.write()

    def write(self) -> None:
        job = self.job
        fields = {
            "progress_done": job.progress_done,
            "progress_total": job.progress_total,
            "message": job.message,
        }
        main = connections[DEFAULT_DB_ALIAS]
        if not main.in_atomic_block:
            Job.objects.filter(pk=job.pk).update(**fields)
        elif main.vendor == "postgresql":
            self.write_aside(fields)

    def write_aside(self, fields: dict) -> None:
        """Write through a connection of our own, which commits at once (PostgreSQL)."""
        try:
            if self.side is None:
                self.side = connections.create_connection(DEFAULT_DB_ALIAS)
                self.side.ensure_connection()
                with self.side.cursor() as cursor:
                    # Never wait on the job's own transaction, should it have locked the row.
                    cursor.execute("SET lock_timeout = '500ms'")
            quote = self.side.ops.quote_name
            assignments = ", ".join(f"{quote(name)} = %s" for name in fields)
            with self.side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {quote(Job._meta.db_table)} SET {assignments} WHERE id = %s",
                    [*fields.values(), self.job.pk],
                )
        except DatabaseError:
            # Progress is a courtesy to the person waiting; the work goes on without it.
            logger.warning("Could not record the progress of job %s", self.job.pk, exc_info=True)

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None
