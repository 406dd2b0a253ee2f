"""Idempotent writes for reference and demo data."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


@dataclass
class Writes:
    """The rows `upsert` wrote within a `recording()` block, and what their history says."""

    user: Any = None
    reason: str = ""
    rows: list[models.Model] = field(default_factory=list)


_recording: ContextVar[Writes | None] = ContextVar("amf_upsert_recording", default=None)


@contextmanager
def recording(*, user=None, reason: str = "") -> Iterator[Writes]:
    """Collect the rows `upsert` writes inside the block; their versions name `user` and `reason`.

    The caller (a service) then moves the version of the forums that show them.
    """
    writes = Writes(user=user, reason=reason)
    token = _recording.set(writes)
    try:
        yield writes
    finally:
        _recording.reset(token)


def note_written(obj: models.Model) -> None:
    """Tell the current `recording()` that `obj` changed otherwise (its many-to-many links)."""
    writes = _recording.get()
    if writes is not None:
        writes.rows.append(obj)


def upsert(model: type[M], *, lookup: dict[str, Any], values: dict[str, Any]) -> tuple[M, bool]:
    """Create or update the row matching `lookup` to hold `values`, saving only on a change.

    Unlike update_or_create, an unchanged row is not saved, so auto_now stamps stay as they
    were and running a loader twice changes nothing. Returns the row and whether it was written.
    """
    obj = model._default_manager.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    changed = created
    for name, value in values.items():
        field_ = model._meta.get_field(name)
        if field_.is_relation:
            wanted = value.pk if value is not None else None
        else:
            # Compare in stored form, e.g. rich text as the sanitiser will store it.
            wanted = field_.to_python(value)
        if created or getattr(obj, field_.attname) != wanted:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.full_clean()
        writes = _recording.get()
        if writes is not None:
            # What django-simple-history records as the version's author and reason.
            obj._history_user = writes.user
            obj._change_reason = writes.reason[:100] or None
            writes.rows.append(obj)
        obj.save()
    return obj, changed
