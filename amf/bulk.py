"""Writing many rows at once, with their audit trail, at the speed of the database.

Django's `bulk_update` builds a `CASE WHEN pk = … THEN …` expression for every row and
field, which for 10,000 rows spends more than a minute in Python. On PostgreSQL the rows
go to a temporary table with COPY instead and one `UPDATE … FROM` applies them; the audit
trail's versions are COPYed straight into the history tables too, from the same values.
Other databases (SQLite in development) take plain statements, one a row.

Values are read as `save()` reads them (`Field.pre_save`: rich text is sanitised, `auto_now`
stamps), and modeltranslation's untranslated columns in the default language, so that they
keep holding what a `save()` would write.
"""

import functools
from collections.abc import Callable, Iterator, Sequence

from django.conf import settings
from django.db import connections, models, router, transaction
from django.db.models.base import ModelState
from django.db.models.expressions import RawSQL
from django.utils import timezone, translation
from modeltranslation.translator import NotRegistered, translator
from simple_history.utils import get_history_manager_for_model

BATCH = 1000
# Field types whose Python values psycopg writes as they are: no preparation needed.
PLAIN_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "DateTimeField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "TextField",
}


def instances(queryset, *, chunk_size: int = 2000) -> Iterator[models.Model]:
    """The rows of `queryset` as model instances, every stored field loaded, read in chunks.

    Built without `Model.__init__` and its signals, which cost more than the query when
    thousands of rows are read only to be compared (an import re-reading a forum's
    delegates), and perhaps written back with `rows_update`. modeltranslation's untranslated
    fields are left to read through their language columns, as they do on any instance.
    """
    model = queryset.model
    names = [
        field.attname
        for field in model._meta.concrete_fields
        if field.name not in _translated(model)
    ]
    state_db = queryset.db
    if hasattr(queryset, "rewrite"):
        # Plain values: modeltranslation would fill an empty language column with another's.
        queryset = queryset.rewrite(False)
    for row in queryset.values_list(*names).iterator(chunk_size=chunk_size):
        obj = model.__new__(model)
        obj.__dict__.update(zip(names, row, strict=True))
        obj._state = ModelState()
        obj._state.adding = False
        obj._state.db = state_db
        yield obj


def new_instance(model: type[models.Model]) -> models.Model:
    """A new, unsaved instance of `model` with every field at its default.

    Built without `Model.__init__`, whose look-up of each field's default
    (modeltranslation switches the language for every translated one) costs more than
    writing the row when an import creates thousands.
    """
    fixed, computed = _defaults(model)
    obj = model.__new__(model)
    obj.__dict__.update(fixed)
    for field in computed:
        obj.__dict__[field.attname] = field.get_default()
    obj._state = ModelState()
    return obj


@functools.cache
def _defaults(model) -> tuple[dict, list[models.Field]]:
    fixed, computed = {}, []
    for field in model._meta.concrete_fields:
        if field.has_default() and callable(field.default):
            computed.append(field)
        else:
            fixed[field.attname] = field.get_default()
    return fixed, computed


def values_in(values: Sequence, db_type: str):
    """What to filter `field__in=` on: the values, or on PostgreSQL one array of them.

    Thousands of values as one array parameter spare the database planning an IN list of
    thousands of parameters, and psycopg rewriting the query around each of them.
    """
    if len(values) < 100 or connections["default"].vendor != "postgresql":
        return list(values)
    return RawSQL(f"SELECT unnest(%s::{db_type}[])", (list(values),))


def _translated(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def has_history(model: type[models.Model]) -> bool:
    """Whether `model` keeps an audit trail (django-simple-history)."""
    return hasattr(model._meta, "simple_history_manager_attribute")


def rows_create(
    model: type[models.Model], objs: Sequence[models.Model], *, user=None, reason: str = ""
) -> list[models.Model]:
    """Insert `objs` (their keys are set on them) and a first version of each in the audit trail."""
    if not objs:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        connection = connections[router.db_for_write(model)]
        if connection.vendor != "postgresql" or model._meta.pk.get_internal_type() not in {
            "AutoField",
            "BigAutoField",
        }:
            created = model._base_manager.bulk_create(objs, batch_size=BATCH)
            _history(model, created, kind="+", user=user, reason=reason)
            return created
        with transaction.atomic(using=connection.alias):
            _copy_create(model, connection, objs, user=user, reason=reason)
    return list(objs)


def _copy_create(model, connection, objs, *, user, reason) -> None:
    # Keys drawn from the table's own sequence, so that the rows can be COPYed in with them
    # and their versions written from the same values.
    quote = connection.ops.quote_name
    pk = model._meta.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [quote(model._meta.db_table), pk.column, len(objs)],
        )
        for obj, (key,) in zip(objs, cursor.fetchall(), strict=True):
            setattr(obj, pk.attname, key)
            obj._state.adding = False
            obj._state.db = connection.alias
    fields = list(model._meta.concrete_fields)
    values = []
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="rows_create")
        values.append([field.pre_save(obj, True) for field in fields])
    prepared = [_prepare(field, connection) for field in fields]
    with connection.cursor() as cursor:
        _copy(
            cursor,
            quote(model._meta.db_table),
            [quote(field.column) for field in fields],
            (
                [prepare(value) for prepare, value in zip(prepared, row, strict=True)]
                for row in values
            ),
        )
    if has_history(model):
        tracked = _tracked(model)
        position = {field.attname: index for index, field in enumerate(fields)}
        rows = (
            [
                prepared[position[source.attname]](row[position[source.attname]])
                for source, _t in tracked
            ]
            for row in values
        )
        _copy_history(model, connection, tracked, rows, kind="+", user=user, reason=reason)


def rows_update(model: type[models.Model], objs: Sequence[models.Model], fields: list[str]) -> int:
    """Write `fields` of every one of `objs` (saved rows of `model`); returns how many."""
    if not objs:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        return _update(model, objs, [model._meta.get_field(name) for name in fields])


def rows_update_with_history(
    model: type[models.Model],
    objs: Sequence[models.Model],
    fields: list[str],
    *,
    user=None,
    reason: str = "",
) -> int:
    """`rows_update`, then a version of each row in the audit trail naming `user` and `reason`."""
    if not objs:
        return 0
    if not has_history(model):
        return rows_update(model, objs, fields)
    with translation.override(settings.LANGUAGE_CODE):
        written = [model._meta.get_field(name) for name in fields]
        connection = connections[router.db_for_write(model)]
        if connection.vendor != "postgresql":
            updated = _update(model, objs, written)
            _history(model, objs, kind="~", user=user, reason=reason)
            return updated
        # Every value read once, for the row and for its version.
        tracked = _tracked(model)
        values = list(_values(objs, [source for source, _target in tracked], connection))
        positions = [
            next(i for i, (source, _t) in enumerate(tracked) if source.attname == field.attname)
            for field in [model._meta.pk, *written]
        ]
        updated = _copy_update(
            model, connection, written, ([row[i] for i in positions] for row in values)
        )
        _copy_history(model, connection, tracked, values, kind="~", user=user, reason=reason)
        return updated


def history_record(
    model: type[models.Model], objs: Sequence[models.Model], *, kind: str, user=None, reason=""
) -> int:
    """Add a version of each of `objs`, as they are in memory, to `model`'s audit trail.

    `kind` is django-simple-history's "+" (created), "~" (changed) or "-" (deleted); every
    version names `user` and `reason`. Does nothing for a model without an audit trail.
    Returns how many versions were written.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _history(model, objs, kind=kind, user=user, reason=reason)


def _prepare(field: models.Field, connection) -> Callable:
    if field.get_internal_type() in PLAIN_TYPES:
        return lambda value: value
    return lambda value: field.get_db_prep_save(value, connection)


def _values(objs, fields: list[models.Field], connection, *, as_saved: bool = True):
    """Each object's values of `fields`, ready for COPY.

    `as_saved` reads them as `save()` would (sanitised, `auto_now` stamped); otherwise as
    they are, for versions of rows just written.
    """
    prepared = [(field, _prepare(field, connection)) for field in fields]
    for obj in objs:
        if as_saved:
            yield [prepare(field.pre_save(obj, False)) for field, prepare in prepared]
        else:
            yield [prepare(getattr(obj, field.attname)) for field, prepare in prepared]


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _update(model, objs, written: list[models.Field]) -> int:
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        return _plain_update(model, connection, objs, written)
    fields = [model._meta.pk, *written]
    return _copy_update(model, connection, written, _values(objs, fields, connection))


def _plain_update(model, connection, objs, written: list[models.Field]) -> int:
    # Plain SQL rather than the manager's bulk_update, which modeltranslation rewrites so
    # that an untranslated column would not be written at all.
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in written)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    fields = [*written, model._meta.pk]
    prepared = [(field, lambda v, f=field: f.get_db_prep_save(v, connection)) for field in fields]
    rows = [[prepare(field.pre_save(obj, False)) for field, prepare in prepared] for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


def _copy_update(model, connection, written: list[models.Field], rows) -> int:
    quote = connection.ops.quote_name
    columns = [quote(field.column) for field in [model._meta.pk, *written]]
    table = quote(model._meta.db_table)
    temporary = quote(f"amf_bulk_{model._meta.db_table}")
    assignments = ", ".join(f"{column} = v.{column}" for column in columns[1:])
    # The temporary table lives until the transaction ends: make sure there is one.
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {temporary} ON COMMIT DROP AS "
            f"SELECT {', '.join(columns)} FROM {table} WITH NO DATA"
        )
        _copy(cursor, temporary, columns, rows)
        cursor.execute(
            f"UPDATE {table} AS t SET {assignments} FROM {temporary} AS v "
            f"WHERE t.{columns[0]} = v.{columns[0]}"
        )
        updated = cursor.rowcount
        cursor.execute(f"DROP TABLE {temporary}")
    return updated


def _tracked(model) -> list[tuple[models.Field, models.Field]]:
    history = get_history_manager_for_model(model).model
    return [(field, history._meta.get_field(field.name)) for field in history.tracked_fields]


def _history(model, objs, *, kind: str, user, reason: str) -> int:
    if not objs or not has_history(model):
        return 0
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        get_history_manager_for_model(model).bulk_history_create(
            objs,
            batch_size=BATCH,
            update=kind == "~",
            default_user=_author(user),
            default_change_reason=reason[:100],
            default_date=timezone.now(),
        )
        return len(objs)
    tracked = _tracked(model)
    rows = _values(objs, [source for source, _target in tracked], connection, as_saved=False)
    _copy_history(model, connection, tracked, rows, kind=kind, user=user, reason=reason)
    return len(objs)


def _author(user):
    return user if user is not None and user.is_authenticated else None


def _copy_history(model, connection, tracked, rows, *, kind, user, reason) -> None:
    history = get_history_manager_for_model(model).model
    quote = connection.ops.quote_name
    author = _author(user)
    fixed = {
        "history_date": timezone.now(),
        "history_change_reason": reason[:100] or None,
        "history_type": kind,
        "history_user": author.pk if author else None,
    }
    columns = [quote(target.column) for _source, target in tracked]
    columns += [quote(history._meta.get_field(name).column) for name in fixed]
    fixed_values = list(fixed.values())
    with connection.cursor() as cursor:
        _copy(
            cursor,
            quote(history._meta.db_table),
            columns,
            ([*row, *fixed_values] for row in rows),
        )
