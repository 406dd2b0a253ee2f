"""Back up and restore the PostgreSQL database and the uploaded files, as one archive.

A backup is a tar archive holding `manifest.json` (format, when, each file's size and
SHA-256), `database.dump` (pg_dump's custom format) and `files/<name>` for every file in
the default storage (documents, slides, photos), read and written through Django's storage
API, so a folder and an S3 bucket are backed up alike. The files are copied after the
database is dumped, so every file the dump names is in the archive (unless deleted in the
meantime). A bare pg_dump file, as older versions wrote, still restores: the database only.
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import psycopg
from django.core.files.base import File
from django.core.files.storage import Storage

# Every custom-format archive pg_dump writes starts with these bytes.
ARCHIVE_MAGIC = b"PGDMP"
BACKUP_FORMAT = "amf-backup-1"
MANIFEST = "manifest.json"
DATABASE_MEMBER = "database.dump"
FILES_PREFIX = "files/"
CHUNK = 1024 * 1024
STDIO = "-"
# The database OPTIONS that are libpq's own, rather than Django's.
LIBPQ_OPTIONS = {"sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout"}


class BackupError(Exception):
    """A backup or restore that could not be done, with the reason in words."""


def require_postgresql(settings_dict: dict) -> None:
    """Refuse any database but PostgreSQL, saying what to do instead."""
    engine = settings_dict["ENGINE"]
    if engine != "django.db.backends.postgresql":
        raise BackupError(
            f"backup and restore work with PostgreSQL only, and this database uses {engine}. "
            "For the SQLite development database, stop the app and copy its file "
            f"({settings_dict['NAME']})."
        )


def pg_environment(settings_dict: dict) -> dict[str, str]:
    """The libpq environment that points pg_dump and pg_restore at the database."""
    env = dict(os.environ)
    values = {
        "PGDATABASE": settings_dict["NAME"],
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode"),
    }
    env.update({name: str(value) for name, value in values.items() if value})
    return env


def find_tool(name: str) -> str:
    """The path of a PostgreSQL client program, or an error saying how to install it."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found. Install the PostgreSQL client programs of the server's "
            "version (on Debian: apt-get install postgresql-client)."
        )
    return path


def database_backup(*, settings_dict: dict, output: str) -> Path | None:
    """Write a custom-format dump of the database to `output` ("-" for standard output).

    The file appears only once pg_dump has finished: it writes to `<output>.partial` first,
    so a failed or interrupted backup never leaves a file that looks whole.
    """
    require_postgresql(settings_dict)
    command = [find_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    env = pg_environment(settings_dict)
    if output == STDIO:
        run(command, env=env, stdout=None)
        return None
    target = Path(output)
    if not target.parent.is_dir():
        raise BackupError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    partial = target.with_name(f"{target.name}.partial")
    try:
        run([*command, f"--file={partial}"], env=env)
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return target


def database_restore(*, settings_dict: dict, source: str, replace: bool = False) -> int:
    """Load a dump made by database_backup into the database; return its number of tables.

    The database must be empty unless `replace` is set, in which case the dump's tables
    replace the ones there. pg_restore runs in one transaction: it loads all or nothing.
    """
    require_postgresql(settings_dict)
    command = [
        find_tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={settings_dict['NAME']}",
    ]
    if source != STDIO:
        path = Path(source)
        if not path.is_file():
            raise BackupError(f"There is no backup file at {path}.")
        with path.open("rb") as archive:
            if archive.read(len(ARCHIVE_MAGIC)) != ARCHIVE_MAGIC:
                raise BackupError(
                    f"{path} is not a backup made by `manage.py backup` "
                    "(a pg_dump custom-format archive)."
                )
        command.append(str(path))
    existing = table_count(settings_dict)
    if existing and not replace:
        raise BackupError(
            f"The database {settings_dict['NAME']} already has {existing} tables. Restore into "
            "an empty database, or pass --replace to overwrite this one."
        )
    if replace:
        command[1:1] = ["--clean", "--if-exists"]
    # With no file named, pg_restore reads the archive from standard input.
    run(command, env=pg_environment(settings_dict))
    return table_count(settings_dict)


def table_count(settings_dict: dict) -> int:
    """How many tables the database's public schema holds."""
    with connect(settings_dict) as connection:
        row = connection.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        ).fetchone()
    return row[0]


def connect(settings_dict: dict) -> psycopg.Connection:
    """A plain psycopg connection to the database, outside Django's connection handling."""
    params = {
        "dbname": settings_dict["NAME"],
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        **{
            name: value
            for name, value in (settings_dict.get("OPTIONS") or {}).items()
            if name in LIBPQ_OPTIONS
        },
    }
    try:
        return psycopg.connect(**{k: v for k, v in params.items() if v is not None})
    except psycopg.Error as error:
        raise BackupError(f"Cannot connect to {settings_dict['NAME']}: {error}") from error


def run(command: list[str], *, env: dict, stdout=subprocess.DEVNULL) -> None:
    """Run a PostgreSQL client program, turning a failure into a BackupError with its message."""
    result = subprocess.run(command, env=env, stdout=stdout, stderr=subprocess.PIPE, check=False)
    if result.returncode != 0:
        program = Path(command[0]).name
        message = result.stderr.decode(errors="replace").strip()
        raise BackupError(f"{program} failed (exit status {result.returncode}): {message}")


# The archive: database and files together.


@dataclass
class BackupSummary:
    path: Path | None
    files: int
    file_bytes: int


@dataclass
class RestoreSummary:
    tables: int
    files: int


def storage_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in `storage`, folders walked, in a stable order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        # A storage folder not made yet: nothing was ever uploaded.
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from storage_files(storage, f"{folder}/{sub}" if folder else sub)


def backup_write(*, settings_dict: dict, storage: Storage, output: str) -> BackupSummary:
    """Write the database and every stored file to the archive `output` ("-": standard output).

    As `database_backup`, the file appears only once complete (`<output>.partial` first).
    """
    require_postgresql(settings_dict)
    target = None if output == STDIO else Path(output)
    if target is not None and not target.parent.is_dir():
        raise BackupError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    with tempfile.TemporaryDirectory(prefix="amf-backup-") as work:
        dump = Path(work) / DATABASE_MEMBER
        database_backup(settings_dict=settings_dict, output=str(dump))
        partial = None if target is None else target.with_name(f"{target.name}.partial")
        try:
            if partial is None:
                with tarfile.open(fileobj=sys.stdout.buffer, mode="w|") as archive:
                    summary = _write_archive(archive, dump, storage)
            else:
                with tarfile.open(partial, mode="w") as archive:
                    summary = _write_archive(archive, dump, storage)
                partial.replace(target)
        except BaseException:
            if partial is not None:
                partial.unlink(missing_ok=True)
            raise
    summary.path = target
    return summary


def _write_archive(archive: tarfile.TarFile, dump: Path, storage: Storage) -> BackupSummary:
    entries = []
    with tempfile.TemporaryDirectory(prefix="amf-backup-files-") as work:
        # Each file is copied out once, hashed on the way, then added: the manifest, which
        # comes first in the archive, needs every hash.
        copies = []
        for index, name in enumerate(storage_files(storage)):
            copy = Path(work) / str(index)
            digest = hashlib.sha256()
            with storage.open(name, "rb") as source, copy.open("wb") as out:
                for chunk in iter(lambda source=source: source.read(CHUNK), b""):
                    digest.update(chunk)
                    out.write(chunk)
            size = copy.stat().st_size
            entries.append({"name": name, "size": size, "sha256": digest.hexdigest()})
            copies.append((name, copy))
        manifest = {
            "format": BACKUP_FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "database": DATABASE_MEMBER,
            "files": entries,
        }
        _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
        archive.add(dump, arcname=DATABASE_MEMBER)
        for name, copy in copies:
            archive.add(copy, arcname=FILES_PREFIX + name)
    return BackupSummary(
        path=None, files=len(entries), file_bytes=sum(entry["size"] for entry in entries)
    )


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup_restore(
    *, settings_dict: dict, storage: Storage, source: str, replace: bool = False
) -> RestoreSummary:
    """Restore an archive made by `backup_write` (or a bare pg_dump file): files, then rows.

    Refuses, before writing anything, a database that has tables (unless `replace`) and an
    archive whose files do not match its manifest. Files are written through `storage`
    under their own names (a file of that name is replaced); the database is loaded in one
    transaction, as `database_restore` does.
    """
    require_postgresql(settings_dict)
    with tempfile.TemporaryDirectory(prefix="amf-restore-") as work:
        path = _spooled(source, Path(work))
        with path.open("rb") as head:
            if head.read(len(ARCHIVE_MAGIC)) == ARCHIVE_MAGIC:
                tables = database_restore(
                    settings_dict=settings_dict, source=str(path), replace=replace
                )
                return RestoreSummary(tables=tables, files=0)
        if not tarfile.is_tarfile(path):
            raise BackupError(f"{source} is not a backup made by `manage.py backup`.")
        with tarfile.open(path, mode="r") as archive:
            manifest = _manifest(archive, source)
            _refuse_a_database_in_use(settings_dict, replace)
            dump = Path(work) / DATABASE_MEMBER
            _extract(archive, DATABASE_MEMBER, dump, source)
            files = _restore_files(archive, manifest, storage, Path(work), source)
        tables = database_restore(settings_dict=settings_dict, source=str(dump), replace=replace)
    return RestoreSummary(tables=tables, files=files)


def _spooled(source: str, work: Path) -> Path:
    if source != STDIO:
        path = Path(source)
        if not path.is_file():
            raise BackupError(f"There is no backup file at {path}.")
        return path
    path = work / "stdin"
    with path.open("wb") as out:
        shutil.copyfileobj(sys.stdin.buffer, out, CHUNK)
    return path


def _manifest(archive: tarfile.TarFile, source: str) -> dict:
    try:
        member = archive.getmember(MANIFEST)
        manifest = json.loads(archive.extractfile(member).read())
    except (KeyError, AttributeError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
        raise BackupError(f"{source} is not a backup made by `manage.py backup`.")
    return manifest


def _refuse_a_database_in_use(settings_dict: dict, replace: bool) -> None:
    existing = table_count(settings_dict)
    if existing and not replace:
        raise BackupError(
            f"The database {settings_dict['NAME']} already has {existing} tables. Restore into "
            "an empty database, or pass --replace to overwrite this one."
        )


def _extract(archive: tarfile.TarFile, member: str, target: Path, source: str) -> str:
    """Copy one member out to `target`; return its SHA-256."""
    try:
        stream = archive.extractfile(archive.getmember(member))
    except KeyError:
        stream = None
    if stream is None:
        raise BackupError(f"{source} lacks {member}: the backup is incomplete.")
    digest = hashlib.sha256()
    with stream, target.open("wb") as out:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _restore_files(
    archive: tarfile.TarFile, manifest: dict, storage: Storage, work: Path, source: str
) -> int:
    entries = manifest.get("files") or []
    # Every file is checked against the manifest before the first one is written.
    copies = []
    for index, entry in enumerate(entries):
        name = str(entry.get("name", ""))
        parts = PurePosixPath(name).parts
        if not name or name.startswith("/") or ".." in parts:
            raise BackupError(f"{source} names a file outside the storage: {name!r}.")
        copy = work / f"file-{index}"
        if _extract(archive, FILES_PREFIX + name, copy, source) != entry.get("sha256"):
            raise BackupError(f"{source}: the file {name} does not match its checksum.")
        copies.append((name, copy))
    for name, copy in copies:
        if storage.exists(name):
            storage.delete(name)
        with copy.open("rb") as content:
            saved = storage.save(name, File(content, name=name))
        if saved != name:
            raise BackupError(f"The storage saved {name} as {saved}; restore stopped.")
    return len(copies)
