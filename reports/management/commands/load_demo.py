from django.core.management.base import BaseCommand

from reports.services.demo import demo_load


class Command(BaseCommand):
    help = (
        "Load the 5th ASEAN Mayors Forum 2019 as demo data, restoring it if it was changed. "
        "Running it again changes nothing."
    )

    def handle(self, *args, **options):
        bulletin, written = demo_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded “{bulletin.forum.title_en}” and its bulletin #{bulletin.pk} "
                f"({written} rows written)."
            )
        )
