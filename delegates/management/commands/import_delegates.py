"""python manage.py import_delegates FILE --forum SLUG [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from delegates.services.imports import delegates_import
from delegates.spreadsheets import FileProblem, read_table, size_problem
from events.models import Forum

MAX_ISSUES_SHOWN = 200


class Command(BaseCommand):
    help = "Import a forum's delegates from a CSV or XLSX file: every row, or none."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--forum", required=True, help="The forum's slug.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )

    def handle(self, *args, file: Path, forum: str, dry_run: bool, **options):
        try:
            forum_obj = Forum.objects.get(slug=forum)
        except Forum.DoesNotExist:
            raise CommandError(f"No forum has the slug {forum!r}.") from None
        try:
            if problem := size_problem(file.stat().st_size):
                raise problem
            table = read_table(file.name, file.read_bytes())
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from None
        except FileProblem as problem:
            raise CommandError(f"{file}: {problem.message}") from None
        try:
            # Rows are read as the import goes, so a limit may be met only then.
            plan = delegates_import(forum=forum_obj, table=table, dry_run=dry_run)
        except FileProblem as problem:
            raise CommandError(f"{file}: {problem.message}") from None
        for column in plan.ignored_columns:
            self.stderr.write(f"Ignored column {column!r}: not a delegate list column.")
        if plan.issues:
            for issue in plan.issues[:MAX_ISSUES_SHOWN]:
                self.stderr.write(str(issue))
            if len(plan.issues) > MAX_ISSUES_SHOWN:
                self.stderr.write(f"… and {len(plan.issues) - MAX_ISSUES_SHOWN} more.")
            raise CommandError(
                f"{file}: {len(plan.issues)} problem(s) found; nothing was imported."
            )
        summary = plan.summary
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb} {len(plan.rows)} rows into {forum_obj.slug}: {summary['create']} new, "
            f"{summary['update']} updated, {summary['unchanged']} unchanged; "
            f"{summary['organisations']} new organisations."
        )
