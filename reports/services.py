"""Writes for the reports app."""

from collections.abc import Iterable

from django.db import transaction

from reports.models import Bulletin, FollowUpAction


@transaction.atomic
def follow_up_actions_save(
    *,
    bulletin: Bulletin,
    actions: Iterable[FollowUpAction],
    removed: Iterable[FollowUpAction] = (),
) -> None:
    """Save actions agreed under `bulletin`, filed under its forum, and delete `removed` ones."""
    for action in actions:
        action.bulletin = bulletin
        action.forum = bulletin.forum
        action.save()
    for action in removed:
        action.delete()
