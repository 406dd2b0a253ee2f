"""`manage.py backup -o FILE`: the database and the uploaded files, one archive (amf/backup.py)."""

import sys

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from amf.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Back up the PostgreSQL database and the uploaded files to one archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            help="The file to write, '-' for standard output "
            "(default: amf-<date>-<time>.backup in the current folder).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output, database, **options):
        output = output or f"amf-{timezone.now():%Y%m%d-%H%M%S}.backup"
        try:
            summary = backup_write(
                settings_dict=connections[database].settings_dict,
                storage=default_storage,
                output=output,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        files = f"{summary.files} files, {summary.file_bytes} bytes"
        if summary.path is not None:
            size = summary.path.stat().st_size
            self.stdout.write(f"Backed up to {summary.path} ({size} bytes; {files}).")
        else:
            sys.stderr.write(f"Backed up to standard output ({files}).\n")
