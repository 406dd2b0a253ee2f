"""Writes for the events app."""

from collections.abc import Iterable

from django.db import transaction
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
        forum_versions_refresh(slugs=Forum.objects.filter(condition).values_list("slug", flat=True))
    return stamped


def forum_versions_refresh(*, slugs: Iterable[str]) -> None:
    """Once the current transaction commits, make these forums' new versions current.

    Side effect: a shared cache gets the forums' and the site's new versions, so every app
    server serves their pages from them. Only after the commit, so that no server renders a
    new version from data not yet committed. A slug no published forum has stores None, so
    its pages answer 404 at once. Without a shared cache the versions are read from the
    database on every request, and there is nothing to do.
    """
    slugs = set(slugs)
    if slugs:
        transaction.on_commit(lambda: versions.refresh(slugs))
