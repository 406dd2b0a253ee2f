"""The version of a forum's public pages, which a cached page looks up on every request.

Each process remembers a forum's version for one second, so a busy page asks nothing of
the database or the cache most of the time; a process that changes a forum forgets it at
once, and every other process sees the change within that second. Past the second, the
version comes from a cache all app servers share (Redis), where writes replace it (see
`events.services.forum_versions_refresh`), or else from the database: a per-process cache
could hold it stale for longer.
"""

import time

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache

from events.models import Forum
from events.models.forum import ForumVersion

# Writes replace the stored version at once; expiry only bounds how long a change made
# behind the signals' back (a bulk update without forum_touch) can go unseen.
VERSION_SECONDS = 5 * 60
MEMO_SECONDS = 1.0
# Bounded, so that requests for made-up slugs cannot grow it without end.
MEMO_ENTRIES = 1000
_MISSING = object()
_memo: dict[str, tuple[float, ForumVersion | None]] = {}


def version_key(slug: str) -> str:
    return f"amf:forum-version:{slug}"


def cache_is_shared() -> bool:
    """Whether every app server sees the same cache (not per-process memory or none)."""
    return not isinstance(caches["default"], LocMemCache | DummyCache)


def published_version(slug: str) -> ForumVersion | None:
    """The version of the published forum with `slug`, or None, at most a second old."""
    now = time.monotonic()
    remembered = _memo.get(slug)
    if remembered is not None and remembered[0] > now:
        return remembered[1]
    version = _current_version(slug)
    if len(_memo) >= MEMO_ENTRIES:
        _memo.clear()
    _memo[slug] = (now + MEMO_SECONDS, version)
    return version


def forget(slugs) -> None:
    """Drop what this process remembers of these forums' versions."""
    for slug in slugs:
        _memo.pop(slug, None)


def forget_all() -> None:
    """Drop every version this process remembers."""
    _memo.clear()


def _current_version(slug: str) -> ForumVersion | None:
    if not cache_is_shared():
        return Forum.objects.version_of(slug)
    cache = caches["default"]
    version = cache.get(version_key(slug), _MISSING)
    if version is _MISSING:
        version = Forum.objects.version_of(slug)
        # add(), not set(): a write's fresher version stored meanwhile must win.
        cache.add(version_key(slug), version, VERSION_SECONDS)
    return version
