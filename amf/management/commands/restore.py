"""`manage.py restore FILE`: load a backup (database and files) into an empty database."""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from amf.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` (the database and the uploaded files) "
        "into an empty PostgreSQL database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file, or '-' to read it from standard input.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite a database that already has tables with the backup's.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, file, replace, database, **options):
        connection = connections[database]
        # Our own idle connection would otherwise hold locks against pg_restore --clean.
        connection.close()
        try:
            summary = backup_restore(
                settings_dict=connection.settings_dict,
                storage=default_storage,
                source=file,
                replace=replace,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {file} into {connection.settings_dict['NAME']} "
            f"({summary.tables} tables, {summary.files} files)."
        )
