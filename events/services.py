"""Writes for the events app."""

from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from events.models import Forum


def forum_touch(*, forums: Q | Iterable[int]) -> int:
    """Stamp the forums' `updated_at` with the current time, changing their public pages' version.

    Side effect: every cached public rendering of those forums (keyed by `updated_at`) stops
    being used. Takes a filter or forum ids; returns how many forums were stamped.
    """
    condition = forums if isinstance(forums, Q) else Q(pk__in=list(forums))
    # An explicit value: update() does not apply auto_now.
    return Forum.objects.filter(condition).update(updated_at=timezone.now())
