"""Backup and restore: an archive restored into empty database and storage holds every row, file."""

import io
import os
import subprocess
import sys
import tarfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from amf.backup import BackupError, connect, database_backup
from delegates.models import Person
from events.models import OutcomeDocument, SessionMaterial
from tests import factories, sample_files
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


def manage(*args: str, database: dict, media=None) -> subprocess.CompletedProcess:
    """Run manage.py in a new process against `database`, as an operator would."""
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    url = (
        f"postgres://{database['USER']}{password}@{database['HOST'] or 'localhost'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    if media is not None:
        env["MEDIA_ROOT"] = str(media)
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


def stored_files(root) -> dict[str, bytes]:
    """Every file under the folder `root`, by its name relative to it."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_brings_back_the_rows_and_the_uploaded_files_after_both_are_wiped(
    tmp_path, empty_database, settings
):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    forum = factories.ForumFactory()
    factories.OutcomeDocumentFactory(forum=forum, with_file=True)
    factories.SessionMaterialFactory(session=factories.SessionFactory(forum=forum))
    factories.PersonFactory(with_photo=True)
    before_rows = row_counts(connection.settings_dict)
    before_files = stored_files(media)
    dump = tmp_path / "amf.backup"

    out = io.StringIO()
    call_command("backup", "-o", str(dump), stdout=out)
    # Wiped: a new empty database and an empty storage folder.
    restored_media = tmp_path / "restored-media"
    restored = manage("restore", str(dump), database=empty_database, media=restored_media)

    assert "3 files" in out.getvalue()
    assert restored.returncode == 0, restored.stderr
    assert "3 files" in restored.stdout
    assert row_counts(empty_database) == before_rows
    assert stored_files(restored_media) == before_files
    assert len(before_files) == 3
    # The restored rows name the restored files.
    with connect(empty_database) as conn:
        named = {
            row[0]
            for table, column in [
                (OutcomeDocument._meta.db_table, "file"),
                (SessionMaterial._meta.db_table, "file"),
                (Person._meta.db_table, "photo"),
            ]
            for row in conn.execute(f'SELECT "{column}" FROM "{table}" WHERE "{column}" <> \'\'')
        }
    assert named == set(before_files)
    with tarfile.open(dump) as archive:
        names = archive.getnames()
    assert names[:2] == ["manifest.json", "database.dump"]
    assert sorted(names[2:]) == sorted(f"files/{name}" for name in before_files)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_an_archive_whose_file_was_altered_and_writes_nothing(
    tmp_path, empty_database, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    factories.PersonFactory(with_photo=True)
    dump = tmp_path / "amf.backup"
    call_command("backup", "-o", str(dump), stdout=io.StringIO())
    altered = tmp_path / "altered.backup"
    with tarfile.open(dump) as source, tarfile.open(altered, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("files/"):
                data = sample_files.HTML
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    restored_media = tmp_path / "restored-media"

    restored = manage("restore", str(altered), database=empty_database, media=restored_media)

    assert restored.returncode == 1
    assert "does not match its checksum" in restored.stderr
    assert not restored_media.exists() or stored_files(restored_media) == {}
    assert row_counts(empty_database) == {}


def test_a_backup_of_a_storage_with_no_folder_yet_holds_no_files(settings, tmp_path):
    from amf.backup import storage_files

    settings.MEDIA_ROOT = tmp_path / "never-made"

    assert list(storage_files(default_storage)) == []


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
