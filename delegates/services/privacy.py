"""Thailand's PDPA: removing delegates' personal data once it is no longer needed."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from delegates.models import Participation, Person
from events.models import Forum

# What an anonymised person is called; the record stays so that counts add up.
ANONYMOUS_TH = "(ลบข้อมูลส่วนบุคคลแล้ว)"
ANONYMOUS_EN = "(personal data removed)"
CLEARED_TEXT = ("honorific", "last_name", "position", "bio")


class RetentionNotOver(Exception):
    """The forum's delegates' data must still be kept."""


@dataclass
class AnonymisationResult:
    anonymised: int
    kept: int
    already: int


def retention_ends(forum: Forum, retention_days: int) -> dt.date:
    return forum.end_date + dt.timedelta(days=retention_days)


@transaction.atomic
def forum_delegates_anonymise(
    *,
    forum: Forum,
    retention_days: int | None = None,
    today: dt.date | None = None,
    dry_run: bool = False,
) -> AnonymisationResult:
    """Remove the personal data of a forum's delegates once the retention period is over.

    Names, titles, positions, biographies, email addresses and phone numbers are erased and
    consents withdrawn; participations, organisations, countries, roles, statuses and
    attendance stay, so counts and statistics do not change. People who also take part in
    a forum whose retention period is not over are kept. Raises RetentionNotOver if this
    forum's is not over.
    """
    retention_days = settings.DELEGATE_RETENTION_DAYS if retention_days is None else retention_days
    today = today or timezone.localdate()
    ends = retention_ends(forum, retention_days)
    if today <= ends:
        raise RetentionNotOver(
            _("The data of this forum's delegates must be kept until %(date)s.")
            % {"date": ends.isoformat()}
        )
    people = Person.objects.filter(participations__forum=forum).distinct()
    already = people.exclude(anonymised_at=None).count()
    still_needed = Participation.objects.filter(
        forum__end_date__gte=today - dt.timedelta(days=retention_days)
    ).values("person")
    candidates = people.filter(anonymised_at=None)
    kept = candidates.filter(pk__in=still_needed).count()
    to_erase = list(candidates.exclude(pk__in=still_needed))
    if dry_run:
        return AnonymisationResult(anonymised=len(to_erase), kept=kept, already=already)
    now = timezone.now()
    for person in to_erase:
        for name in CLEARED_TEXT:
            setattr(person, f"{name}_th", "")
            setattr(person, f"{name}_en", "")
        person.first_name_th = ANONYMOUS_TH
        person.first_name_en = ANONYMOUS_EN
        person.email = ""
        person.phone = ""
        person.anonymised_at = now
        person.updated_at = now
    fields = [
        f"{name}{suffix}" for name in ("first_name", *CLEARED_TEXT) for suffix in ("", "_th", "_en")
    ]
    # bulk_update reads the untranslated columns through modeltranslation: in Thai.
    with translation.override(settings.LANGUAGE_CODE):
        Person.objects.bulk_update(
            to_erase, [*fields, "email", "phone", "anonymised_at", "updated_at"], batch_size=500
        )
    Participation.objects.filter(person__in=to_erase).update(
        consents_to_public_listing=False,
        consent_recorded_on=None,
        consents_to_photographs=False,
        photograph_consent_recorded_on=None,
        updated_at=now,
    )
    return AnonymisationResult(anonymised=len(to_erase), kept=kept, already=already)
