from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from reports.digest import build_digest, digest_recipients, render_digest
from reports.jobs import follow_up_digest_queue
from reports.management.arguments import iso_date


class Command(BaseCommand):
    help = (
        "Print the weekly digest of overdue and due-soon follow-up actions per owning unit; "
        "with --email, also have the background worker mail it (it tries again if the mail "
        "server cannot be reached, and reports a failure on the job's page and in its log)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", action="store_true", help="Mail the digest too.")
        parser.add_argument(
            "--days", type=int, default=7, help="How many days ahead count as due soon (7)."
        )
        parser.add_argument("--language", choices=["th", "en"], default="th")
        parser.add_argument(
            "--today", help="Judge overdue as of this Bangkok date (YYYY-MM-DD), not today."
        )
        parser.add_argument(
            "--to", action="append", default=[], help="Mail to this address (repeatable)."
        )

    def handle(self, *args, email, days, language, today, to, **options):
        if days < 0:
            raise CommandError("--days cannot be negative.")
        with translation.override(language):
            digest = build_digest(today=iso_date(today) if today else None, days=days)
            subject, body = render_digest(digest)
            self.stdout.write(subject)
            self.stdout.write(body)
            if email:
                recipients = to or digest_recipients()
                if not recipients:
                    raise CommandError(
                        "No one to send the digest to: set FOLLOWUP_DIGEST_RECIPIENTS or give "
                        "the staff who follow actions an email address."
                    )
                job = follow_up_digest_queue(
                    today=digest.today, days=digest.days, recipients=recipients, title=subject
                )
                self.stdout.write(
                    self.style.SUCCESS(
                        f"The digest to {', '.join(recipients)} is queued for mailing "
                        f"(background job {job.pk}); `manage.py run_worker` sends it."
                    )
                )
