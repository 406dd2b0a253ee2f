"""The versions the public pages are cached under, and the one rule that moves them.

A forum's pages and feeds are kept under its version (`ForumVersion.key`, from its
`updated_at`). Pages that show several forums, or that are not addressed by a forum (the
home page, the published bulletins), are kept under the site's version, which moves with
every forum's. `events.services.forum_touch` moves both once a write commits.

Where every app server shares one cache (Redis), the versions live there: a cached page
then costs two cache reads (the version, the page) and no query. A write replaces the
versions in the cache after it commits, so every server serves the new pages from the next
request on. Where each process has a cache of its own (local memory, the development
default), no process could tell the others of a change, so the version is read from the
database instead, in one query.
"""

import hashlib

from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache

from events.models import Forum
from events.models.forum import ForumVersion

# Writes replace the stored versions at once; expiry only bounds how long a change made
# without forum_touch (by hand in a database shell) can go unseen.
VERSION_SECONDS = 5 * 60
SITE_KEY = "amf:site-version"
_MISSING = object()


def version_key(slug: str) -> str:
    return f"amf:forum-version:{slug}"


def cache_is_shared() -> bool:
    """Whether every app server sees the same cache (not per-process memory or none)."""
    return not isinstance(caches["default"], LocMemCache | DummyCache)


def published_version(slug: str) -> ForumVersion | None:
    """The version of the published forum with `slug`, or None if there is none."""
    return _cached(version_key(slug), lambda: Forum.objects.version_of(slug))


def site_version() -> str:
    """A short text that changes whenever any forum's version changes."""
    return _cached(SITE_KEY, _site_version_from_database)


def refresh(slugs) -> None:
    """Store the current versions of these forums and of the site (call after commit)."""
    if not cache_is_shared():
        return
    cache.set_many(
        {
            **{version_key(slug): Forum.objects.version_of(slug) for slug in slugs},
            SITE_KEY: _site_version_from_database(),
        },
        VERSION_SECONDS,
    )


def _cached(key: str, read):
    if not cache_is_shared():
        return read()
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = read()
        # add(), not set(): a write's fresher version stored meanwhile must win.
        cache.add(key, value, VERSION_SECONDS)
    return value


def _site_version_from_database() -> str:
    # Every forum's stamp, so that a change to any of them, a new forum or a deleted one
    # moves it, whatever the app servers' clocks say (a maximum would miss a slow clock).
    stamps = Forum.objects.order_by("pk").values_list("pk", "updated_at")
    return hashlib.blake2b(repr(list(stamps)).encode(), digest_size=8).hexdigest()
