"""python manage.py export_delegates --forum SLUG -o FILE"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from delegates.models import Participation
from delegates.services.exports import CSV, XLSX, delegates_export
from events.models import Forum


class Command(BaseCommand):
    help = "Export a forum's delegates to a .csv or .xlsx file (the format from its extension)."

    def add_arguments(self, parser):
        parser.add_argument("--forum", required=True, help="The forum's slug.")
        parser.add_argument("-o", "--output", required=True, type=Path)
        parser.add_argument(
            "--without-contacts",
            action="store_true",
            help="Leave out email addresses and phone numbers.",
        )

    def handle(self, *args, forum: str, output: Path, without_contacts: bool, **options):
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in (CSV, XLSX):
            raise CommandError("The output file must end in .csv or .xlsx.")
        try:
            forum_obj = Forum.objects.get(slug=forum)
        except Forum.DoesNotExist:
            raise CommandError(f"No forum has the slug {forum!r}.") from None
        try:
            with output.open("wb") as out:
                count = delegates_export(
                    participations=Participation.objects.filter(forum=forum_obj),
                    fmt=fmt,
                    out=out,
                    include_contacts=not without_contacts,
                )
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror}") from None
        self.stdout.write(f"Exported {count} delegates of {forum_obj.slug} to {output}.")
