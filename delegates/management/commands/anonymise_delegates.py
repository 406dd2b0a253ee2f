"""python manage.py anonymise_delegates --forum SLUG [--retention-days N] [--dry-run]"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from delegates.services.privacy import RetentionNotOver, forum_delegates_anonymise
from events.models import Forum


class Command(BaseCommand):
    help = (
        "Remove the personal data of a forum's delegates once the retention period after the "
        "forum is over, keeping counts and statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument("--forum", required=True, help="The forum's slug.")
        parser.add_argument(
            "--retention-days",
            type=int,
            default=settings.DELEGATE_RETENTION_DAYS,
            help="Days after the forum's last day that the data are kept "
            f"(default {settings.DELEGATE_RETENTION_DAYS}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report; change nothing.")

    def handle(self, *args, forum: str, retention_days: int, dry_run: bool, **options):
        if retention_days < 0:
            raise CommandError("--retention-days cannot be negative.")
        try:
            forum_obj = Forum.objects.get(slug=forum)
        except Forum.DoesNotExist:
            raise CommandError(f"No forum has the slug {forum!r}.") from None
        try:
            result = forum_delegates_anonymise(
                forum=forum_obj, retention_days=retention_days, dry_run=dry_run
            )
        except RetentionNotOver as error:
            raise CommandError(str(error)) from None
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(
            f"{verb} {result.anonymised} people of {forum_obj.slug}; "
            f"{result.kept} kept for a more recent forum, {result.on_record} named in a bulletin, "
            f"{result.already} already anonymised."
        )
