from django.core.management.base import BaseCommand

from delegates.models import Country
from delegates.services import country_sync


class Command(BaseCommand):
    help = "Create or update every ISO 3166-1 country with its Thai and English names."

    def handle(self, *args, **options):
        written = country_sync()
        total = Country.objects.count()
        self.stdout.write(self.style.SUCCESS(f"{total} countries, {written} created or updated."))
