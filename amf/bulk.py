"""Writing many rows at once, with their audit trail, at the speed of the database.

Django's `bulk_update` builds a `CASE WHEN pk = … THEN …` expression for every row and
field, which for 10,000 rows spends more than a minute in Python. On PostgreSQL the rows
go to a temporary table with COPY instead and one `UPDATE … FROM` applies them; the audit
trail's versions are COPYed straight into the history tables too. Other databases (SQLite
in development) take Django's own bulk methods.

modeltranslation's untranslated columns hold the default language's value; the values are
read in that language so that they keep doing so.
"""

from collections.abc import Sequence

from django.conf import settings
from django.db import connections, models, router
from django.utils import timezone, translation
from simple_history.utils import get_history_manager_for_model

BATCH = 1000


def _copy_rows(cursor, table: str, columns: list[str], rows) -> None:
    quoted = ", ".join(columns)
    with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def rows_update(model: type[models.Model], objs: Sequence[models.Model], fields: list[str]) -> int:
    """Write `fields` of every one of `objs` (saved rows of `model`); returns how many."""
    if not objs:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        return _rows_update(model, objs, fields)


def _rows_update(model, objs, fields) -> int:
    using = router.db_for_write(model)
    connection = connections[using]
    if connection.vendor != "postgresql":
        return model._base_manager.using(using).bulk_update(objs, fields, batch_size=BATCH)
    quote = connection.ops.quote_name
    pk = model._meta.pk
    written = [model._meta.get_field(name) for name in fields]
    columns = [quote(pk.column), *(quote(field.column) for field in written)]
    table = quote(model._meta.db_table)
    temporary = quote(f"amf_bulk_{model._meta.db_table}")
    assignments = ", ".join(f"{column} = v.{column}" for column in columns[1:])
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {temporary} ON COMMIT DROP AS "
            f"SELECT {', '.join(columns)} FROM {table} WITH NO DATA"
        )
        _copy_rows(
            cursor,
            temporary,
            columns,
            (
                [
                    pk.get_db_prep_save(obj.pk, connection),
                    *(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in written),
                ]
                for obj in objs
            ),
        )
        cursor.execute(
            f"UPDATE {table} AS t SET {assignments} FROM {temporary} AS v "
            f"WHERE t.{columns[0]} = v.{columns[0]}"
        )
        updated = cursor.rowcount
        cursor.execute(f"DROP TABLE {temporary}")
    return updated


def history_record(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    kind: str,
    user=None,
    reason: str = "",
    when=None,
) -> int:
    """Add a version of each of `objs` to `model`'s audit trail, as they are in memory.

    `kind` is django-simple-history's "+" (created), "~" (changed) or "-" (deleted); every
    version names `user` and `reason`. Does nothing for a model without an audit trail.
    Returns how many versions were written.
    """
    if not objs or not hasattr(model._meta, "simple_history_manager_attribute"):
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        return _history_record(model, objs, kind=kind, user=user, reason=reason, when=when)


def _history_record(model, objs, *, kind, user, reason, when) -> int:
    manager = get_history_manager_for_model(model)
    history = manager.model
    when = when or timezone.now()
    user = user if user is not None and user.is_authenticated else None
    reason = reason[:100] or None
    using = router.db_for_write(history)
    connection = connections[using]
    if connection.vendor != "postgresql":
        manager.bulk_history_create(
            objs,
            batch_size=BATCH,
            update=kind == "~",
            default_user=user,
            default_change_reason=reason or "",
            default_date=when,
        )
        return len(objs)
    quote = connection.ops.quote_name
    tracked = [(field, history._meta.get_field(field.name)) for field in history.tracked_fields]
    fixed = {
        "history_date": history._meta.get_field("history_date").get_db_prep_save(when, connection),
        "history_change_reason": reason,
        "history_type": kind,
        "history_user_id": user.pk if user else None,
    }
    columns = [quote(target.column) for _source, target in tracked]
    columns += [quote(history._meta.get_field(name).column) for name in fixed]
    fixed_values = list(fixed.values())
    with connection.cursor() as cursor:
        _copy_rows(
            cursor,
            quote(history._meta.db_table),
            columns,
            (
                [
                    *(
                        target.get_db_prep_save(getattr(obj, source.attname), connection)
                        for source, target in tracked
                    ),
                    *fixed_values,
                ]
                for obj in objs
            ),
        )
    return len(objs)


def rows_create(
    model: type[models.Model], objs: Sequence[models.Model], *, user=None, reason: str = ""
) -> list[models.Model]:
    """Insert `objs` (their keys are set on them) and a first version of each in the audit trail."""
    if not objs:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        created = model._base_manager.bulk_create(objs, batch_size=BATCH)
    history_record(model, created, kind="+", user=user, reason=reason)
    return created


def rows_update_with_history(
    model: type[models.Model],
    objs: Sequence[models.Model],
    fields: list[str],
    *,
    user=None,
    reason: str = "",
) -> int:
    """`rows_update`, then a version of each row in the audit trail naming `user` and `reason`."""
    updated = rows_update(model, objs, fields)
    history_record(model, objs, kind="~", user=user, reason=reason)
    return updated
