from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.exports import compilation_csv
from reports.management.arguments import iso_date
from reports.models import Bulletin
from reports.pdfs import DOCUMENT_RELATED, compilation_pdf


class Command(BaseCommand):
    help = (
        "Compile the bulletins acknowledged from START to END (Bangkok dates) into one PDF "
        "with a contents page, or a CSV list when the output ends in .csv."
    )

    def add_arguments(self, parser):
        parser.add_argument("start", type=iso_date, help="First day, YYYY-MM-DD.")
        parser.add_argument("end", type=iso_date, help="Last day, YYYY-MM-DD.")
        parser.add_argument("-o", "--output", required=True, help="The .pdf or .csv to write.")
        parser.add_argument("--language", choices=["th", "en"], default="th")

    def handle(self, *args, start, end, output, language, **options):
        if end < start:
            raise CommandError("The end date is before the start date.")
        path = Path(output)
        if path.suffix.lower() not in {".pdf", ".csv"}:
            raise CommandError("The output must end in .pdf or .csv.")
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        bulletins = (
            Bulletin.objects.acknowledged_between(start, end)
            .select_related(*DOCUMENT_RELATED)
            .with_follow_up_counts()
        )
        if path.suffix.lower() == ".csv":
            path.write_bytes(compilation_csv(bulletins, language=language))
        else:
            path.write_bytes(
                compilation_pdf(list(bulletins), start=start, end=end, language=language)
            )
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(bulletins)} bulletin(s) to {path}."))
