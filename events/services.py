"""Writes for the events app."""

import functools
from collections import defaultdict
from collections.abc import Iterable

from django.db import models, router, transaction
from django.db.models import Q
from django.db.models.deletion import Collector
from django.utils import timezone
from modeltranslation.translator import NotRegistered, translator

from events import versions
from events.impact import forums_showing, shows_change
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


# Everything below writes rows of any app and moves the versions of the forums that show
# them, as `events.impact` says; the apps above `events` supply the rules for their models.


def forums_touch_showing(*, rows: dict[type[models.Model], Iterable], before=None) -> int:
    """Move the version of every forum whose public pages show `rows` (model → pks).

    `before` is what `forums_showing` said before the write (forum id → slug): forums
    that showed the rows then are touched too, and a forum whose slug changed or that is
    gone stops serving its old address. Returns how many forums were stamped.
    """
    before = before or {}
    after = forums_showing(rows)
    stamped = forum_touch(forums=before.keys() | after.keys()) if before or after else 0
    gone = set(before.values()) - set(after.values())
    if gone:
        forum_versions_refresh(slugs=gone)
    return stamped


def _rows_of(objs: Iterable[models.Model]) -> dict[type[models.Model], list]:
    rows: dict[type[models.Model], list] = defaultdict(list)
    for obj in objs:
        if obj.pk is not None:
            rows[obj._meta.concrete_model].append(obj.pk)
    return rows


def _stamp(obj: models.Model, user, reason: str) -> None:
    # What django-simple-history records as the version's author and reason; other
    # models ignore them.
    obj._history_user = user if user is None or user.is_authenticated else None
    obj._change_reason = reason[:100] or None


def _compared_fields(model: type[models.Model]) -> list[models.Field]:
    try:
        # modeltranslation's untranslated columns follow the language columns.
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and field.name not in translated
        and not getattr(field, "auto_now", False)
    ]


def _changed_fields(obj: models.Model) -> list[str]:
    """The names of `obj`'s stored fields whose values differ from its row; all for a new one."""
    fields = _compared_fields(type(obj))
    if obj.pk is None:
        return [field.name for field in fields]
    stored = type(obj)._base_manager.filter(pk=obj.pk).values(*(f.attname for f in fields)).first()
    if stored is None:
        return [field.name for field in fields]
    return [
        field.name
        for field in fields
        if not _same(field.to_python(getattr(obj, field.attname)), stored[field.attname])
    ]


def _same(value, stored) -> bool:
    # A translation left empty is stored as "" by some paths and NULL by forms; neither is
    # a change the user made.
    return value == stored or (value in (None, "") and stored in (None, ""))


@transaction.atomic
def objects_save(
    *,
    saved: Iterable[models.Model] = (),
    deleted: Iterable[models.Model] = (),
    user=None,
    reason: str = "",
) -> int:
    """Save new and changed rows and delete others, as one change; returns how many were written.

    Rows whose stored values would not change are not written. Side effects: every row
    written or deleted (and every row its deletion cascades to) gets a version in its audit
    trail, if it keeps one, naming `user` and `reason`; the forums whose public pages showed
    the rows before, or show them after, get a new version.
    """
    changes = [(obj, _changed_fields(obj)) for obj in saved]
    return _write(
        saved=[(obj, fields) for obj, fields in changes if fields],
        deleted=list(deleted),
        user=user,
        reason=reason,
    )


@transaction.atomic
def object_save(
    *, obj: models.Model, user=None, reason: str = "", relations: dict[str, Iterable] | None = None
) -> bool:
    """Save one new or changed row, and set its many-to-many `relations` (field → rows).

    Returns whether anything was written; an unchanged row is not. Side effects as
    `objects_save`'s.
    """
    fields = _changed_fields(obj)
    changed = [(obj, fields)] if fields else []
    relations = {
        name: values
        for name, values in (relations or {}).items()
        if _relation_differs(obj, name, values)
    }
    return (
        _write(saved=changed, deleted=[], user=user, reason=reason, owner=obj, relations=relations)
        > 0
    )


def objects_delete(*, objs: Iterable[models.Model], user=None, reason: str = "") -> int:
    """Delete rows, and what cascades from them, as one change; returns how many were named.

    Side effects: a last version in each row's audit trail naming `user` and `reason`; the
    forums that showed the rows get a new version, and a deleted forum's address stops
    serving its pages.
    """
    return objects_save(deleted=objs, user=user, reason=reason)


def _write(*, saved, deleted, user, reason, owner=None, relations=None) -> int:
    """Write `saved` (row, changed fields) and delete `deleted`, touching the forums shown."""
    if not saved and not deleted and not relations:
        return 0
    touched = [obj for obj, fields in saved if obj.pk is None or shows_change(type(obj), fields)]
    touched += [owner] if relations else []
    before = forums_showing(_rows_of([*touched, *deleted]))
    _files_forget(_files_replaced(saved) + _files_of_deleted(deleted))
    for obj in deleted:
        _stamp(obj, user, reason)
        obj.delete()
    for obj, _fields in saved:
        _stamp(obj, user, reason)
        obj.save()
    for name, values in (relations or {}).items():
        getattr(owner, name).set(values)
    forums_touch_showing(rows=_rows_of(touched), before=before)
    return len(saved) + len(deleted) + len(relations or {})


def _relation_differs(obj: models.Model, name: str, values: Iterable) -> bool:
    wanted = {value.pk if isinstance(value, models.Model) else value for value in values}
    if obj.pk is None:
        return bool(wanted)
    return set(getattr(obj, name).values_list("pk", flat=True)) != wanted


# Stored files leave storage with the last row that names them: when a row's file is
# replaced or cleared, or the row is deleted (with what cascades from it). Files of models
# that keep an audit trail stay, since an earlier version names them and may be restored;
# erasing a person (delegates.services.privacy) deletes theirs.


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    if getattr(model._meta, "simple_history_manager_attribute", None):
        return []
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _files_replaced(saved) -> list[tuple]:
    """The (storage, name) of files that rows about to be saved stop naming."""
    replaced = []
    for obj, fields in saved:
        changed = [f for f in _file_fields(type(obj)) if f.name in fields]
        if obj.pk is None or not changed:
            continue
        stored = type(obj)._base_manager.filter(pk=obj.pk).values(*(f.attname for f in changed))
        for row in stored[:1]:
            for field in changed:
                name = row[field.attname]
                if name and name != getattr(obj, field.attname).name:
                    replaced.append((field.storage, name))
    return replaced


def _files_of_deleted(deleted) -> list[tuple]:
    """The (storage, name) of files named by rows about to be deleted, cascades included."""
    if not deleted or not any(_reaches_files(type(obj)) for obj in deleted):
        return []
    collector = Collector(using=router.db_for_write(type(deleted[0])))
    collector.collect(deleted)
    files = []
    for model, instances in collector.data.items():
        for field in _file_fields(model):
            names = (getattr(instance, field.attname).name for instance in instances)
            files += [(field.storage, name) for name in names if name]
    # Rows deleted in one query, unread (no signal, nothing cascading from them).
    for rows in collector.fast_deletes:
        for field in _file_fields(rows.model):
            names = rows.exclude(**{field.attname: ""}).values_list(field.attname, flat=True)
            files += [(field.storage, name) for name in names]
    return files


@functools.cache
def _reaches_files(model: type[models.Model], seen: frozenset = frozenset()) -> bool:
    """Whether deleting a row of `model` may delete a row that names a file."""
    if _file_fields(model):
        return True
    return any(
        _reaches_files(related.related_model, seen | {model})
        for related in model._meta.related_objects
        if related.on_delete is models.CASCADE and related.related_model not in seen | {model}
    )


def _files_forget(files: list[tuple]) -> None:
    """Delete the files from storage once the transaction has committed."""
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
