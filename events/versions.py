"""The versions the public pages are cached under, and the one rule that moves them.

A forum's pages and feeds are kept under its version (`ForumVersion.key`, from its
`updated_at`). Pages that show several forums, or that are not addressed by a forum (the
home page, the published bulletins), are kept under the site's version, which moves with
every forum's. `events.services.forum_touch` moves both.

A version is read from the database (one small query) and then remembered by the process
until a change is announced. That memory is the one cleverness here, and `make bench`
shows what it buys: a round trip per request (a query, or a read from a shared Redis)
costs more than serving a cached page, and held the programme to 0.15–0.25 of a trivial
view's throughput on the 2-core benchmark machine; without one it serves two to three
times as many.

A change is announced by PostgreSQL itself: `announce()` sends a NOTIFY inside the writing
transaction, which PostgreSQL delivers to every listening process the moment it commits
(and never if it rolls back). Each app server process listens on its own connection, in a
thread, and forgets every version it remembers when told. The writing process forgets at
once too. A process remembers nothing while it is not listening (on SQLite, before its
listener is connected, after its connection drops), so it then reads each version afresh:
never stale, only slower. A change made without `forum_touch` (by hand in a database
shell) is announced by nobody; remembered versions expire after a minute for that case.
"""

import hashlib
import logging
import os
import threading
import time

from django.conf import settings
from django.db import connection, connections

from events.models import Forum
from events.models.forum import ForumVersion

CHANNEL = "amf_public_versions"
MEMORY_SECONDS = 60.0
# Waits between tries to (re)connect the listener, and between checks that it still lives.
RETRY_SECONDS = 2.0
CHECK_SECONDS = 30.0
# Bounded, so that requests for made-up slugs cannot grow it without end.
MEMORY_ENTRIES = 1000
SITE = "site"

logger = logging.getLogger(__name__)


def published_version(slug: str) -> ForumVersion | None:
    """The version of the published forum with `slug`, or None if there is none."""
    return memory.get(("forum", slug), lambda: Forum.objects.version_of(slug))


def site_version() -> str:
    """A short text that changes whenever any forum's version changes."""
    return memory.get(SITE, _site_version_from_database)


def announce() -> None:
    """Tell every app server process that versions changed, once the transaction commits.

    Side effects: this process forgets its remembered versions at once, so that its next
    request, even inside the same transaction, reads them afresh; on PostgreSQL a NOTIFY
    goes to every other process when the transaction commits.
    """
    memory.forget_all()
    if connection.vendor == "postgresql":
        # Django has no API for NOTIFY; its delivery on commit is what makes this correct.
        with connection.cursor() as cursor:
            cursor.execute(f"NOTIFY {CHANNEL}")


def forget_all() -> None:
    """Drop every version this process remembers."""
    memory.forget_all()


def _site_version_from_database() -> str:
    # Every forum's stamp and whether it is published, so that a change to any of them, a
    # new forum or a deleted one moves it, whatever the app servers' clocks say (a maximum
    # would miss a slow clock).
    stamps = Forum.objects.order_by("pk").values_list("pk", "updated_at", "is_published")
    return hashlib.blake2b(repr(list(stamps)).encode(), digest_size=8).hexdigest()


class Memory:
    """Versions this process read, kept while it listens for announced changes."""

    def __init__(self):
        self._entries: dict = {}
        self._lock = threading.Lock()
        # Moves whenever entries are forgotten, so that a read that began before cannot
        # store what it read afterwards.
        self._generation = 0
        self._listening = False
        self._listener_pid: int | None = None
        self._thread: threading.Thread | None = None
        # Set to end the listener's wait between tries at once, rather than after it.
        self._stopping = threading.Event()

    def get(self, key, read):
        self._ensure_listener()
        if not self._listening or connection.in_atomic_block:
            # Inside a transaction a read may see uncommitted rows: never remember it.
            return read()
        now = time.monotonic()
        remembered = self._entries.get(key)
        if remembered is not None and remembered[0] > now:
            return remembered[1]
        generation = self._generation
        value = read()
        with self._lock:
            if generation == self._generation and self._listening:
                if len(self._entries) >= MEMORY_ENTRIES:
                    self._entries.clear()
                self._entries[key] = (now + MEMORY_SECONDS, value)
        return value

    def forget_all(self) -> None:
        with self._lock:
            self._generation += 1
            self._entries.clear()

    @property
    def listening(self) -> bool:
        return self._listening

    def stamp(self) -> int | None:
        """A number that changes whenever remembered versions are forgotten, or None when
        this process remembers nothing (not listening, or inside a transaction)."""
        self._ensure_listener()
        if not self._listening or connection.in_atomic_block:
            return None
        return self._generation

    def stop_listening(self) -> None:
        """End this process's listener and wait for it (tests close their databases)."""
        self._listener_pid = -1
        self._stopping.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self._stopping.clear()

    def allow_listening(self) -> None:
        self._listener_pid = None

    def _ensure_listener(self) -> None:
        # Started in each process on first use, so that a forked app server worker gets a
        # listener of its own rather than its parent's.
        if self._listener_pid in (os.getpid(), -1) or not settings.PUBLIC_VERSION_LISTENER:
            return
        if connection.vendor != "postgresql":
            return
        self._listener_pid = os.getpid()
        self._listening = False
        self._thread = threading.Thread(
            target=self._listen, name="amf-version-listener", daemon=True
        )
        self._thread.start()

    def _listen(self) -> None:
        pid = os.getpid()
        while self._listener_pid == pid:
            database = connections.create_connection("default")
            try:
                database.ensure_connection()
                database.connection.execute(f"LISTEN {CHANNEL}")
                self.forget_all()
                self._listening = True
                while self._listener_pid == pid:
                    for _notice in database.connection.notifies(timeout=CHECK_SECONDS):
                        self.forget_all()
                    database.connection.execute("SELECT 1")  # still alive?
            except Exception as error:  # psycopg's own errors, not wrapped by Django here
                logger.warning("Not listening for changes to public pages: %s", error)
            finally:
                self._listening = False
                self.forget_all()
                database.close()
            self._stopping.wait(RETRY_SECONDS)


memory = Memory()
