"""Keep each forum's `updated_at` moving whenever anything its public pages show changes.

Public pages are cached under a key holding the forum's `updated_at`, read from the database on
every request, so a change seen by one process is seen by all. Bulk `QuerySet.update()` calls
send no signals: code that uses them must call `events.services.forum_touch` itself.
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from events.models import (
    Forum,
    Framework,
    OutcomeDocument,
    Priority,
    RelatedEvent,
    Room,
    Session,
    Venue,
)
from events.services import forum_touch, forum_versions_refresh


def _remember_old_slug(sender, instance, **kwargs):
    # A renamed forum's old address must stop serving its cached pages too.
    instance._slug_before_save = None
    if instance.pk:
        instance._slug_before_save = (
            Forum.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        )


def _refresh_forum_version(sender, instance, **kwargs):
    forum_versions_refresh(
        slugs=filter(None, [instance.slug, getattr(instance, "_slug_before_save", None)])
    )


def _touch_own_forum(sender, instance, **kwargs):
    forum_touch(forums=[instance.forum_id])


def _touch_room_forums(sender, instance, **kwargs):
    forum_touch(forums=Q(sessions__room_id=instance.pk) | Q(venue_id=instance.venue_id))


def _touch_venue_forums(sender, instance, **kwargs):
    forum_touch(forums=Q(venue_id=instance.pk) | Q(sessions__room__venue_id=instance.pk))


def _touch_framework_forums(sender, instance, **kwargs):
    forum_touch(forums=Q(frameworks=instance.pk))


def _touch_linked_forums(sender, instance, action, pk_set, **kwargs):
    # add() and remove() signal even when nothing changed; an unchanged forum keeps its stamp.
    if not action.startswith("post_") or (action != "post_clear" and not pk_set):
        return
    if isinstance(instance, Forum):
        forum_touch(forums=[instance.pk])
    else:
        forum_touch(forums=Q(frameworks=instance.pk) | Q(pk__in=pk_set or []))


def connect() -> None:
    """Connect the handlers; called once from the app's ready()."""
    pre_save.connect(_remember_old_slug, sender=Forum, dispatch_uid="remember-forum-slug")
    post_save.connect(_refresh_forum_version, sender=Forum, dispatch_uid="refresh-forum")
    post_delete.connect(_refresh_forum_version, sender=Forum, dispatch_uid="forget-forum")
    for model in (Session, Priority, OutcomeDocument, RelatedEvent):
        post_save.connect(_touch_own_forum, sender=model, dispatch_uid=f"touch-{model.__name__}")
        post_delete.connect(
            _touch_own_forum, sender=model, dispatch_uid=f"untouch-{model.__name__}"
        )
    for model, handler in (
        (Room, _touch_room_forums),
        (Venue, _touch_venue_forums),
        (Framework, _touch_framework_forums),
    ):
        post_save.connect(handler, sender=model, dispatch_uid=f"touch-{model.__name__}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"untouch-{model.__name__}")
    m2m_changed.connect(
        _touch_linked_forums, sender=Forum.frameworks.through, dispatch_uid="touch-frameworks"
    )
