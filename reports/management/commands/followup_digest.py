import smtplib

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from reports.digest import build_digest, digest_recipients, render_digest
from reports.management.arguments import iso_date
from reports.services import follow_up_digest_send


class Command(BaseCommand):
    help = (
        "Print the weekly digest of overdue and due-soon follow-up actions per owning unit; "
        "with --email, also mail it through Django's email backend."
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
                try:
                    sent = follow_up_digest_send(digest=digest, recipients=recipients)
                except ValidationError as error:
                    raise CommandError(" ".join(error.messages)) from error
                except (OSError, smtplib.SMTPException) as error:
                    raise CommandError(f"Could not send the digest: {error}") from error
                self.stdout.write(
                    self.style.SUCCESS(f"Mailed the digest to {', '.join(recipients)} ({sent}).")
                )
