from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.models import Bulletin
from reports.pdfs import DOCUMENT_RELATED, bulletin_pdf


class Command(BaseCommand):
    help = "Write a bulletin as a PDF for the Governor (A4, Sarabun 16 pt), in Thai or English."

    def add_arguments(self, parser):
        parser.add_argument("bulletin_id", type=int, help="The bulletin's number (its id).")
        parser.add_argument("-o", "--output", required=True, help="The PDF file to write.")
        parser.add_argument("--language", choices=["th", "en"], default="th")

    def handle(self, *args, bulletin_id, output, language, **options):
        bulletin = Bulletin.objects.select_related(*DOCUMENT_RELATED).filter(pk=bulletin_id).first()
        if bulletin is None:
            raise CommandError(f"There is no bulletin with id {bulletin_id}.")
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        try:
            path.write_bytes(bulletin_pdf(bulletin, language=language))
        except OSError as error:
            raise CommandError(f"Could not write {path}: {error.strerror}.") from error
        self.stdout.write(self.style.SUCCESS(f"Wrote “{bulletin}” ({language}) to {path}."))
