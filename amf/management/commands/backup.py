"""`manage.py backup -o FILE`: dump the PostgreSQL database to a file (see amf/backup.py)."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from amf.backup import STDIO, BackupError, database_backup


class Command(BaseCommand):
    help = "Back up the PostgreSQL database to a pg_dump custom-format file."

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            help="The file to write, '-' for standard output "
            "(default: amf-<date>-<time>.dump in the current folder).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output, database, **options):
        output = output or f"amf-{timezone.now():%Y%m%d-%H%M%S}.dump"
        try:
            written = database_backup(
                settings_dict=connections[database].settings_dict, output=output
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        if written is not None:
            self.stdout.write(f"Backed up to {written} ({written.stat().st_size} bytes).")
        elif output == STDIO:
            sys.stderr.write("Backed up to standard output.\n")
