from django.core.management.base import BaseCommand
from django.db import transaction

from delegates import demo as delegates_demo
from events import demo as events_demo
from reports import demo as reports_demo


class Command(BaseCommand):
    help = (
        "Load the 5th ASEAN Mayors Forum 2019 as demo data, restoring it if it was changed. "
        "Running it again changes nothing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            demo = events_demo.load()
            delegates = delegates_demo.load(demo=demo)
            bulletin = reports_demo.load(
                forum=demo.forum, reporter=delegates.reporter, office=delegates.office
            )
        self.stdout.write(
            self.style.SUCCESS(f"Loaded “{demo.forum.title_en}” and its bulletin #{bulletin.pk}.")
        )
