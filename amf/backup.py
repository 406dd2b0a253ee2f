"""Back up and restore the PostgreSQL database with pg_dump and pg_restore (custom format)."""

import os
import shutil
import subprocess
from pathlib import Path

import psycopg

# Every custom-format archive pg_dump writes starts with these bytes.
ARCHIVE_MAGIC = b"PGDMP"
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
