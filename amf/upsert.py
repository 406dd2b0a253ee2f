"""Idempotent writes for reference and demo data."""

from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


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
        field = model._meta.get_field(name)
        if field.is_relation:
            wanted = value.pk if value is not None else None
        else:
            # Compare in stored form, e.g. rich text as the sanitiser will store it.
            wanted = field.to_python(value)
        if created or getattr(obj, field.attname) != wanted:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.full_clean()
        obj.save()
    return obj, changed
