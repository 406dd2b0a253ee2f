"""Backup and restore: a dump restored into an empty database holds every row."""

import io
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from amf.backup import BackupError, connect, database_backup
from tests.amf.test_settings import PROJECT_DIR

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="backups are pg_dump-based: PostgreSQL only"
)


def row_counts(settings_dict: dict) -> dict[str, int]:
    """The number of rows in every table of the database's public schema."""
    with connect(settings_dict) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        return {
            table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables
        }


@pytest.fixture
def empty_database():
    """A new database with no tables at all, dropped afterwards; its settings."""
    source = connection.settings_dict
    target = {**source, "NAME": f"{source['NAME']}_restored"}
    with connect({**source, "NAME": "postgres"}) as admin:
        admin.autocommit = True
        admin.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}"')
        admin.execute(f'CREATE DATABASE "{target["NAME"]}" TEMPLATE template0')
    yield target
    with connect({**source, "NAME": "postgres"}) as admin:
        admin.autocommit = True
        admin.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}" WITH (FORCE)')


def manage(*args: str, database: dict) -> subprocess.CompletedProcess:
    """Run manage.py in a new process against `database`, as an operator would."""
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    url = (
        f"postgres://{database['USER']}{password}@{database['HOST'] or 'localhost'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restored_into_an_empty_database_holds_every_row(tmp_path, empty_database):
    call_command("load_demo", stdout=io.StringIO())
    dump = tmp_path / "amf.dump"
    before = row_counts(connection.settings_dict)

    out = io.StringIO()
    call_command("backup", "-o", str(dump), stdout=out)
    restored = manage("restore", str(dump), database=empty_database)

    assert f"Backed up to {dump}" in out.getvalue()
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout
    assert row_counts(empty_database) == before
    assert before["events_forum"] == 1 and before["reports_followupaction"] > 0
    assert before["events_historicalforum"] > 0
    assert sum(before.values()) > 300
    # The restored database is current: nothing left to migrate.
    assert manage("migrate", "--check", database=empty_database).returncode == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_database_that_already_has_tables(tmp_path):
    dump = tmp_path / "amf.dump"
    call_command("backup", "-o", str(dump), stdout=io.StringIO())

    with pytest.raises(CommandError, match=r"already has \d+ tables\. Restore into an empty"):
        call_command("restore", str(dump), stdout=io.StringIO())


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a dump")

    with pytest.raises(CommandError, match=r"is not a backup made by `manage\.py backup`"):
        call_command("restore", str(text))


def test_restore_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="There is no backup file at"):
        call_command("restore", str(tmp_path / "missing.dump"))


def test_a_failed_backup_leaves_no_file_behind(tmp_path):
    target = tmp_path / "amf.dump"
    missing = {**connection.settings_dict, "NAME": "amf_no_such_database"}

    with pytest.raises(BackupError, match="pg_dump failed"):
        database_backup(settings_dict=missing, output=str(target))

    assert list(tmp_path.iterdir()) == []


def test_backup_on_sqlite_says_it_needs_postgresql(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "backup", "-o", str(tmp_path / "x.dump")],
        cwd=PROJECT_DIR,
        env={**env, "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    assert "backup and restore work with PostgreSQL only" in result.stderr
