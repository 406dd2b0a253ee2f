"""Small assertions and helpers shared by the test suites."""

import contextlib
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import translation


def validation_messages(instance) -> list[str]:
    """Run full_clean in English and return every message it raises."""
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        instance.full_clean()
    with translation.override("en"):
        # Messages are lazy: render them in English too, not in the test's language.
        return [str(message) for message in caught.value.messages]


def without_word_breaks(html: str) -> str:
    """HTML without the markup that makes Thai wrap between words (amf/thai_text.py):
    the text reads as it was written."""
    return re.sub(r'<wbr>|<span class="nobr">|</span>', "", html)


def database_text_columns() -> list[tuple[str, str, bool]]:
    """Every text, JSON and binary column of every table: (table, column, is_binary)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND data_type IN "
                "('character varying', 'character', 'text', 'json', 'jsonb', 'bytea')"
            )
            return [(table, column, kind == "bytea") for table, column, kind in cursor.fetchall()]
        columns = []
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"PRAGMA table_info({connection.ops.quote_name(table)})")
            for _cid, column, kind, *_rest in cursor.fetchall():
                kind = kind.lower()
                if any(word in kind for word in ("char", "text", "json", "blob")) or not kind:
                    columns.append((table, column, "blob" in kind))
    return columns


def database_occurrences(strings: list[str]) -> dict[tuple[str, str, str], int]:
    """How many rows of each table hold each string in a text, JSON or binary column.

    Each string is also looked for as JSON writes it (Thai as \\u escapes), since some
    columns hold JSON text. Only the places where it is found are returned. Each table is
    asked once for all its columns and strings (in chunks within PostgreSQL's limit on a
    query's columns): one query for each string in each column took thousands.
    """
    quote = connection.ops.quote_name
    postgres = connection.vendor == "postgresql"
    looks: dict[str, list[tuple[str, str, str, bool]]] = {}
    for table, column, binary in database_text_columns():
        for string in strings:
            for form in {string, json.dumps(string)[1:-1]}:
                looks.setdefault(table, []).append((column, string, form, binary))
    found: dict[tuple[str, str, str], int] = {}
    with connection.cursor() as cursor:
        for table, wanted in looks.items():
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                counts = []
                for column, _string, _form, binary in chunk:
                    if postgres and binary:
                        condition = f"position(convert_to(%s, 'UTF8') in {quote(column)}) > 0"
                    elif postgres:
                        condition = f"strpos({quote(column)}::text, %s) > 0"
                    else:
                        condition = f"instr(CAST({quote(column)} AS TEXT), %s) > 0"
                    counts.append(f"COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)")
                cursor.execute(
                    f"SELECT {', '.join(counts)} FROM {quote(table)}",
                    [form for _column, _string, form, _binary in chunk],
                )
                for (column, string, _form, _binary), count in zip(
                    chunk, cursor.fetchone(), strict=True
                ):
                    if count:
                        found[(table, column, string)] = (
                            found.get((table, column, string), 0) + count
                        )
    return found


@contextlib.contextmanager
def rolled_back(django_db_blocker):
    """A transaction for data a module's tests share, rolled back after the module.

    Each test, in its own savepoint of it as any `db` test is, sees the data as it was made:
    made once for hundreds of generated tests rather than once for each.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
