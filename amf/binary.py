"""Large binary values (uploaded files, jobs' files) written to the database without copies.

Django's PostgreSQL backend binds parameters on the client: a file goes into the SQL text
as hex, and the process holds it four or five times over (135 MB for a 18 MB file). Sent
as a binary parameter through a server-side binding cursor, it is held about once.
"""

from django.db import connection


def binary_field_write(*, model, pk, field: str, data: bytes) -> None:
    """Set `field` (a BinaryField) of the `model` row `pk` to `data`, in the current
    transaction."""
    if connection.vendor != "postgresql":
        model._default_manager.filter(pk=pk).update(**{field: data})
        return
    from psycopg import Cursor, sql

    connection.ensure_connection()
    statement = sql.SQL("UPDATE {table} SET {column} = %b WHERE {key} = %s").format(
        table=sql.Identifier(model._meta.db_table),
        column=sql.Identifier(model._meta.get_field(field).column),
        key=sql.Identifier(model._meta.pk.column),
    )
    with Cursor(connection.connection) as cursor:
        cursor.execute(statement, [data, pk])
