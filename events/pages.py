"""Public pages and feeds kept rendered in the cache under a version, and served from there.

The rule, written once: a page is stored under its version (a forum's, or the site's; see
`events.versions`) together with everything that makes it differ: the view, the language,
the scheme and host its links are written with, and the parameters the page understands,
already checked and normalised by the view. Nothing else of the request goes into the key,
so an unknown parameter or a different spelling of the same choice is the same page, and a
random query string costs what a cached page costs. Entries never go stale: a change moves
the version, and old entries expire unused.

Pages are kept gzipped, compressed once when rendered: browsers all take gzip, and a
programme of hundreds of sessions shrinks about tenfold for phones on mobile data. They
carry no secret (no form token, no personal data), so compression reveals nothing (BREACH).
A page with a form token is kept with stand-ins for what each visitor gets of their own,
filled in and compressed for each request (see `reports.views.BulletinDetailView`).

Pages live at two levels: each process's memory (the "pages" cache), which serves them
without a round trip, and the shared cache (Redis) when there is one, so that a page is
rendered once for all app servers rather than once per process. Reading a stored page from
Redis on every request held the programme to a quarter of a trivial view's throughput on
the 2-core benchmark machine; from the process's memory it serves two to three times as
many (`make bench`). Both levels are safe to keep apart because an entry never changes: a
new version is a new key.

In front of both, each process remembers which stored page answered which request
(`remembered`): the path, the host and the raw values of the parameters the view
understands. A request seen before is answered without looking up versions, checking
parameters or building keys. This is the one cleverness here, and `make bench` shows what
it buys: on the 2-core benchmark machine the version lookup, parameter checks and key
building of a cached page cost a quarter of a trivial view's whole request, which held
pages to 0.67–0.79 of its throughput; remembered, they reach 0.8 and more. The memory is
forgotten with the versions (`events.versions`), and an answer that depends on the time
(what runs now and next, what is still to come) says how long it holds.

On a miss only one request renders a page (single-flight): the others wait for it, so a
burst of visitors after a change, or many asking for a programme PDF at once, costs one
rendering. The lock lives in the shared cache, so it holds across app servers.
"""

import gzip
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse, QueryDict
from django.middleware.gzip import re_accepts_gzip
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

# Long enough to serve a forum from the cache all day; entries are never stale, since the
# key holds the version, which every change to what the page shows moves.
PAGE_SECONDS = 24 * 60 * 60
# How long one rendering may hold the lock, and how long others wait for it before
# rendering themselves (a 500-session programme PDF takes a few seconds).
RENDER_SECONDS = 60
WAIT_SECONDS = 20
POLL_SECONDS = 0.05
# Part of every key: bump it when what is stored changes shape, so that servers running
# new code never read what old ones stored (and the reverse, while both run).
FORMAT = 1
# The response headers a stored page keeps; the middleware adds the rest on each request.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Retry-After")


@dataclass(frozen=True)
class StoredPage:
    """A rendered response as the cache keeps it: status, headers and (gzipped) body."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    gzipped: bool

    @classmethod
    def from_response(cls, response: HttpResponse, *, compress: bool = True) -> "StoredPage":
        if not getattr(response, "is_rendered", True):
            response.render()
        content = response.getvalue()
        headers = tuple(
            (name, response[name]) for name in KEPT_HEADERS if response.has_header(name)
        )
        if compress:
            content = compress_string(content)
        return cls(status=response.status_code, headers=headers, body=content, gzipped=compress)

    def response(self, request) -> HttpResponse:
        """The page for this request: gzipped for a client that takes it, else plain."""
        if not self.gzipped:
            response = HttpResponse(self.body, status=self.status)
        # META rather than request.headers, which would copy every header first.
        elif re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            response = HttpResponse(self.body, status=self.status)
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(gzip.decompress(self.body), status=self.status)
        for name, value in self.headers:
            response[name] = value
        if self.gzipped:
            patch_vary_headers(response, ["Accept-Encoding"])
        return response


def page_key(request, *, version: str, parts: tuple) -> str:
    """The cache key of a page: its version and everything else that makes it differ."""
    described = repr(
        (
            parts,
            translation.get_language(),
            request.scheme,
            # Links in feeds and the calendar subscription are absolute; the host is one
            # of ALLOWED_HOSTS, so this adds a handful of variants at most.
            request.get_host(),
        )
    )
    digest = hashlib.blake2b(described.encode(), digest_size=16).hexdigest()
    return stored_key("page", version, digest)


def stored_key(kind: str, version: str, *parts) -> str:
    """A key for something kept under `version`: a page, an index."""
    return ":".join(map(str, ("amf", FORMAT, kind, version, *parts)))


def stored_page(
    request,
    *,
    version: str,
    parts: tuple,
    render: Callable[[], HttpResponse],
    compress: bool = True,
) -> StoredPage:
    """The page under `version` and `parts`, rendered by `render()` once if not stored yet."""
    key = page_key(request, version=version, parts=parts)
    page = recall(key)
    if page is not None:
        request._amf_stored_page = page
        return page
    locks = _shared() or caches["pages"]
    lock = f"{key}:rendering"
    if not locks.add(lock, True, RENDER_SECONDS):
        page = _wait_for(key, lock, locks)
        if page is not None:
            return page
    try:
        page = StoredPage.from_response(render(), compress=compress)
        if page.status in (200, 404):
            keep(key, page)
    finally:
        locks.delete(lock)
    request._amf_stored_page = page
    return page


def recall(key: str):
    """What is kept under `key`: from this process's memory, else the shared cache."""
    value = caches["pages"].get(key)
    if value is None:
        shared = _shared()
        if shared is not None:
            value = shared.get(key)
            if value is not None:
                caches["pages"].set(key, value, PAGE_SECONDS)
    return value


def keep(key: str, value) -> None:
    """Keep `value` under `key` (never changed afterwards) in memory and the shared cache."""
    caches["pages"].set(key, value, PAGE_SECONDS)
    shared = _shared()
    if shared is not None:
        shared.set(key, value, PAGE_SECONDS)


def _shared():
    """The cache all app servers share, or None when the default one is per process."""
    shared = caches["default"]
    return None if isinstance(shared, LocMemCache | DummyCache) else shared


def cached_response(
    request,
    *,
    version: str,
    parts: tuple,
    render: Callable[[], HttpResponse],
    compress: bool = True,
) -> HttpResponse:
    """Answer from the page stored under `version` and `parts`; see `stored_page`."""
    return stored_page(
        request, version=version, parts=parts, render=render, compress=compress
    ).response(request)


def _wait_for(key: str, lock: str, locks) -> StoredPage | None:
    # Another request is rendering this page: take its result once stored, or render it
    # here if that request gave up (its lock is gone) or takes too long.
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        page = recall(key)
        if page is not None:
            return page
        if locks.get(lock) is None:
            return recall(key)
    return None


def canonical_query(request, params: dict[str, str]) -> str:
    """Make the parameters a page understood, normalised, the request's whole query.

    The page then renders from them alone (its language switcher links them too), so that
    it is the same page for every request that shares its key. Returns them URL-encoded.
    """
    query = QueryDict(mutable=True)
    for name, value in params.items():
        if value:
            query[name] = value
    query._mutable = False
    request.GET = query
    return query.urlencode()


# How many requests each process remembers the answer to; bounded, so that made-up paths
# and parameter values cannot grow it without end (it is emptied when full).
REMEMBERED_ENTRIES = 2000
# Even without a change announced, an answer is looked up afresh after this long, as
# versions are (`events.versions.MEMORY_SECONDS`).
REMEMBERED_SECONDS = 60.0
# The clock remembered answers expire by (tests move it).
_monotonic = time.monotonic


@dataclass(frozen=True)
class _Answer:
    stamp: int
    until: float
    page: StoredPage


class _Answers:
    """Which stored page answered which request, in this process."""

    def __init__(self):
        self._entries: dict[tuple, _Answer] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple, *, stamp: int, now: float) -> StoredPage | None:
        answer = self._entries.get(key)
        if answer is None or answer.stamp != stamp or answer.until <= now:
            return None
        return answer.page

    def put(self, key: tuple, answer: _Answer) -> None:
        with self._lock:
            if len(self._entries) >= REMEMBERED_ENTRIES:
                self._entries.clear()
            self._entries[key] = answer

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


answers = _Answers()


def answer_holds_for(request, seconds: float) -> None:
    """Say that the page this request is answered with changes in `seconds` by itself (what
    runs now, what is still to come), so that it is not remembered for longer."""
    held = getattr(request, "_amf_holds_for", None)
    request._amf_holds_for = seconds if held is None else min(held, seconds)


def remembered(*understood: str):
    """Answer a public view's GET from this process's memory when the same path, host and
    values of the `understood` parameters were answered before under the same versions.

    The view must answer from `stored_page` (or `cached_response`) and read nothing else of
    the request than those. Anything it did not store (an error, a redirect) is not
    remembered. Class-based views use `RememberedMixin`.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            # Imported here: the versions module reads models, which this one must not.
            from events.versions import memory

            stamp = memory.stamp()
            if stamp is None or request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            meta = request.META
            # Raw values, not the parsed and checked ones: a request is only answered
            # from here if one with the very same values was answered by the view.
            key = (
                request.path,
                meta.get("HTTP_HOST"),
                meta.get("wsgi.url_scheme"),
                meta.get("HTTP_X_FORWARDED_PROTO"),
                tuple(request.GET.get(name) for name in understood)
                if understood and meta.get("QUERY_STRING")
                else (),
            )
            now = _monotonic()
            page = answers.get(key, stamp=stamp, now=now)
            if page is not None:
                return page.response(request)
            response = view(request, *args, **kwargs)
            page = getattr(request, "_amf_stored_page", None)
            held = getattr(request, "_amf_holds_for", None)
            seconds = REMEMBERED_SECONDS if held is None else min(held, REMEMBERED_SECONDS)
            if page is not None and page.status in (200, 404) and seconds > 0:
                answers.put(key, _Answer(stamp=stamp, until=now + seconds, page=page))
            return response

        return wrapper

    return decorate


class RememberedMixin:
    """A class-based public view answered through `remembered`; it names the parameters it
    understands in `remembered_parameters`."""

    remembered_parameters: tuple[str, ...] = ()

    @classmethod
    def as_view(cls, **initkwargs):
        return remembered(*cls.remembered_parameters)(super().as_view(**initkwargs))
