"""Writes for the events app."""

from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from events import versions
from events.models import Forum


def forum_touch(*, forums: Q | Iterable[int]) -> int:
    """Stamp the forums' `updated_at` with the current time, changing their public pages' version.

    Side effects: once the transaction commits, every cached public page and feed of those
    forums, and every page that lists forums or bulletins, stops being served (see
    `events.versions`). Takes a filter or forum ids; returns how many forums were stamped.
    """
    condition = forums if isinstance(forums, Q) else Q(pk__in=list(forums))
    # An explicit value: update() does not apply auto_now.
    stamped = Forum.objects.filter(condition).update(updated_at=timezone.now())
    if stamped:
        versions.announce()
    return stamped


def forum_versions_refresh(*, slugs: Iterable[str]) -> None:
    """Make these forums' new versions, and the site's, current for every app server.

    Side effects: this process forgets the versions it remembers at once; every other app
    server process does so the moment the current transaction commits (a PostgreSQL NOTIFY,
    see `events.versions`), so none renders a new version from data not yet committed. A
    slug no published forum has then reads as None, so its pages answer 404 at once.
    """
    if set(slugs):
        versions.announce()
