"""Move a forum's `updated_at` whenever people, roles or partners its public pages show change.

See events/signals.py: public pages are cached under the forum's `updated_at`.
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from delegates.models import Country, ForumPartner, Organisation, Participation, Person, SessionRole
from events.services import forum_touch


def _touch_own_forum(sender, instance, **kwargs):
    forum_touch(forums=[instance.forum_id])


def _touch_session_forum(sender, instance, **kwargs):
    forum_touch(forums=Q(sessions=instance.session_id))


def _touch_person_forums(sender, instance, **kwargs):
    forum_touch(
        forums=Q(participations__person=instance.pk) | Q(sessions__roles__person=instance.pk)
    )


def _touch_organisation_forums(sender, instance, **kwargs):
    forum_touch(
        forums=Q(partners__organisation=instance.pk)
        | Q(participations__delegation=instance.pk)
        | Q(participations__person__organisation=instance.pk)
        | Q(sessions__roles__person__organisation=instance.pk)
    )


def _touch_country_forums(sender, instance, **kwargs):
    forum_touch(
        forums=Q(partners__organisation__country=instance.pk)
        | Q(participations__person__organisation__country=instance.pk)
    )


HANDLERS = [
    (Participation, _touch_own_forum),
    (ForumPartner, _touch_own_forum),
    (SessionRole, _touch_session_forum),
    (Person, _touch_person_forums),
    (Organisation, _touch_organisation_forums),
    (Country, _touch_country_forums),
]


def connect() -> None:
    """Connect the handlers; called once from the app's ready()."""
    for model, handler in HANDLERS:
        post_save.connect(handler, sender=model, dispatch_uid=f"touch-{model.__name__}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"untouch-{model.__name__}")
