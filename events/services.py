"""Writes for the events app."""

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.models import Forum
from events.versions import VERSION_SECONDS, cache_is_shared, forget, version_key


def forum_touch(*, forums: Q | Iterable[int]) -> int:
    """Stamp the forums' `updated_at` with the current time, changing their public pages' version.

    Side effect: every cached public rendering of those forums (keyed by `updated_at`) stops
    being used. Takes a filter or forum ids; returns how many forums were stamped.
    """
    condition = forums if isinstance(forums, Q) else Q(pk__in=list(forums))
    # An explicit value: update() does not apply auto_now.
    stamped = Forum.objects.filter(condition).update(updated_at=timezone.now())
    if stamped:
        forum_versions_refresh(slugs=Forum.objects.filter(condition).values_list("slug", flat=True))
    return stamped


def forum_versions_refresh(*, slugs: Iterable[str]) -> None:
    """Once the current transaction commits, make these forums' new versions current.

    Side effects: this process forgets the versions it remembers, and a shared cache gets
    the new ones, so every app server serves the forums' pages from them. Only after the
    commit, so that no server renders a new version from data not yet committed. A slug no
    published forum has stores None, so its pages answer 404 at once.
    """
    slugs = set(slugs)
    if not slugs:
        return
    # At once too, so that this process's next request, in the same transaction, sees it.
    forget(slugs)

    def refresh():
        forget(slugs)
        if not cache_is_shared():
            return
        for slug in slugs:
            cache.set(version_key(slug), Forum.objects.version_of(slug), VERSION_SECONDS)

    transaction.on_commit(refresh)
