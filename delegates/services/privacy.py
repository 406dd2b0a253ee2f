"""Thailand's PDPA: removing delegates' personal data once it is no longer needed.

Erasing means everywhere the database holds it: the people's rows, every version of them
in the audit trail (so that neither the history page nor a revert can bring it back), the
admin's log of who changed what (which names the objects it lists), and uploaded files
waiting for an import's confirmation (which cannot be searched reliably, so all are
discarded). What is left is a record of the anonymisation itself, holding no personal data.
"""

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from amf.bulk import rows_update_with_history
from amf.jobs.services import jobs_results_forget
from delegates.models import (
    Anonymisation,
    Attendance,
    Participation,
    Person,
    SelfRegistration,
    SessionRole,
)
from delegates.models.replies import NEEDS_FIELDS, TRAVEL_FIELDS, VISA_FIELDS
from delegates.names import full_name
from delegates.services.letters import issued_letters_erase
from delegates.services.mail.outbox import outgoing_emails_erase
from delegates.services.staging import staged_imports_forget
from events.models import Forum
from events.services import forums_touch_showing

# What an anonymised person is called; the record stays so that counts add up.
ANONYMOUS_TH = "(ลบข้อมูลส่วนบุคคลแล้ว)"
ANONYMOUS_EN = "(personal data removed)"
CLEARED_TEXT = ("honorific", "last_name", "position", "bio")
ERASED_PERSON = {
    **{f"{name}{suffix}": "" for name in CLEARED_TEXT for suffix in ("", "_th", "_en")},
    "first_name": ANONYMOUS_TH,
    "first_name_th": ANONYMOUS_TH,
    "first_name_en": ANONYMOUS_EN,
    "email": "",
    "phone": "",
    "photo": "",
}
WITHDRAWN_CONSENT = {
    "consents_to_public_listing": False,
    "consent_recorded_on": None,
    "consents_to_photographs": False,
    "photograph_consent_recorded_on": None,
}
# What the delegate told the office on their page: needs (health, religion), travel and
# passport. The reply itself (accepted or declined) stays, as the statistics count it.
ERASED_REPLIES = {
    field.name: (None if field.null else "")
    for field in Participation._meta.concrete_fields
    if field.name in (*NEEDS_FIELDS, *TRAVEL_FIELDS, *VISA_FIELDS)
}
ERASED_PARTICIPATION = {**WITHDRAWN_CONSENT, **ERASED_REPLIES}
# How the admin's log names objects that carry a person's name ("Name – Delegate").
NAMED_BY_PERSON = (Person, Participation, SessionRole, Attendance)
REPR_SEPARATOR = " – "

# Other apps name people their records must keep (a bulletin's reporter, whose name the
# bulletin as submitted carries); anonymisation passes them by.
_kept_for_the_record: list[Callable[[], QuerySet]] = []


def keep_for_the_record(people: Callable[[], QuerySet]) -> None:
    """Register a query of people (their ids) whom an official record names."""
    _kept_for_the_record.append(people)


class RetentionNotOver(Exception):
    """The forum's delegates' data must still be kept."""


@dataclass
class AnonymisationResult:
    anonymised: int
    kept: int
    already: int
    on_record: int = 0


def retention_ends(forum: Forum, retention_days: int) -> dt.date:
    return forum.end_date + dt.timedelta(days=retention_days)


@transaction.atomic
def forum_delegates_anonymise(
    *,
    forum: Forum,
    retention_days: int | None = None,
    today: dt.date | None = None,
    dry_run: bool = False,
    user=None,
) -> AnonymisationResult:
    """Remove the personal data of a forum's delegates once the retention period is over.

    Names, titles, positions, biographies, email addresses, phone numbers and photos are
    erased, consents withdrawn, and what the delegates told the office on their page (needs,
    travel, hotel, passport and visa letter request) erased; accompanying persons are
    people of the forum and are erased like the rest; participations, organisations,
    countries, roles, statuses and attendance stay, so counts and statistics do not
    change. People who also take part in a forum whose retention period is not over are
    kept, and so are people an official record names (a bulletin's reporter). Raises
    RetentionNotOver if this forum's period is not over.

    Side effects: every version of those people in the audit trail is erased too, and
    their participations' consents with it, so no revert brings anything back; their photo
    files (the current one and any an earlier version names) are deleted from storage once
    the transaction commits; the admin's log stops naming them; the addresses and texts of
    the emails sent them are erased (and those not yet sent are never sent); the letters
    issued them lose the addressee's name and their PDF (deleted from storage once the
    transaction commits), the register keeping its lines; every upload
    waiting for an import is discarded, and the results (previews, problems, files) of
    background jobs about their forums;
    each person and participation gets a version naming `user` and the anonymisation; an
    Anonymisation record (who, when, forum, how many) is kept; the forums whose public
    pages showed them get a new version.
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
    on_record = Q()
    for query in _kept_for_the_record:
        on_record |= Q(pk__in=query())
    candidates = people.filter(anonymised_at=None)
    kept = candidates.filter(pk__in=still_needed).count()
    recorded = candidates.exclude(pk__in=still_needed).filter(on_record).count() if on_record else 0
    erasable = candidates.exclude(pk__in=still_needed)
    if on_record:
        erasable = erasable.exclude(on_record)
    to_erase = list(Person.objects.filter(pk__in=erasable.values("pk")).select_for_update())
    result = AnonymisationResult(
        anonymised=len(to_erase), kept=kept, already=already, on_record=recorded
    )
    if dry_run:
        return result
    reason = _("Personal data removed after the retention period")
    names = _names_of(to_erase)
    _photos_delete_on_commit([person.pk for person in to_erase])
    now = timezone.now()
    for person in to_erase:
        for name, value in ERASED_PERSON.items():
            setattr(person, name, value)
        person.anonymised_at = now
        person.updated_at = now
    rows_update_with_history(
        Person, to_erase, [*ERASED_PERSON, "anonymised_at", "updated_at"], user=user, reason=reason
    )
    participations = list(Participation.objects.filter(person__in=to_erase).select_for_update())
    for participation in participations:
        for name, value in ERASED_PARTICIPATION.items():
            setattr(participation, name, value)
        participation.updated_at = now
    rows_update_with_history(
        Participation,
        participations,
        [*ERASED_PARTICIPATION, "updated_at"],
        user=user,
        reason=reason,
    )
    erased = [person.pk for person in to_erase]
    # Earlier versions, so that neither the history page nor a revert holds the data.
    Person.history.filter(id__in=erased).update(**ERASED_PERSON)
    Participation.history.filter(person_id__in=erased).update(
        **{_history_column(name): value for name, value in ERASED_PARTICIPATION.items()}
    )
    _scrub_admin_log(erased, names)
    outgoing_emails_erase(people=erased)
    # The letters issued them: the register keeps its lines, without name or PDF.
    issued_letters_erase(participations=Participation.objects.filter(person__in=erased))
    # Staff's reason for declining a registration may speak of the person.
    SelfRegistration.objects.filter(participation__person__in=erased).update(decline_reason="")
    # Uploads of any forum may name them, and cannot be searched reliably: all go. So do
    # the previews, problem lists and files of background jobs about their forums.
    discarded = staged_imports_forget(forum_ids=Forum.objects.values_list("pk", flat=True))
    jobs_results_forget(
        forum_ids=Participation.objects.filter(person__in=erased).values_list("forum", flat=True)
    )
    Anonymisation.objects.create(
        forum=forum,
        forum_title=forum.title[:300],
        user=user if user is not None and user.is_authenticated else None,
        retention_days=retention_days,
        people=len(to_erase),
        kept=kept + recorded,
        staged_imports_discarded=discarded,
    )
    if erased:
        forums_touch_showing(rows={Person: erased})
    return result


def _history_column(name: str) -> str:
    # A relation is a plain id in the audit trail's table.
    field = Participation._meta.get_field(name)
    return field.attname if field.is_relation else name


def _photos_delete_on_commit(people: list[int]) -> None:
    """Delete from storage every photo file these people's rows or versions name."""
    if not people:
        return
    names = set(Person.objects.filter(pk__in=people).values_list("photo", flat=True))
    names |= set(Person.history.filter(id__in=people).values_list("photo", flat=True))
    storage = Person._meta.get_field("photo").storage
    for name in sorted(names - {"", None}):
        transaction.on_commit(lambda name=name: storage.delete(name))


def _names_of(people: list[Person]) -> set[str]:
    """Every way the admin may have written these people's names (in Thai and in English)."""
    names = set()
    for person in people:
        for language in ("th", "en"):
            first = getattr(person, f"first_name_{language}")
            if first:
                names.add(
                    full_name(
                        getattr(person, f"honorific_{language}"),
                        first,
                        getattr(person, f"last_name_{language}"),
                        thai=language == "th",
                    )
                )
    return names


def _scrub_admin_log(people: list[int], names: set[str]) -> None:
    """Stop the admin's log naming erased people: in its entries' titles and change lists."""
    if not people:
        return
    types = ContentType.objects.get_for_models(*NAMED_BY_PERSON)
    owned = {
        Person: people,
        Participation: Participation.objects.filter(person__in=people),
        SessionRole: SessionRole.objects.filter(person__in=people),
        Attendance: Attendance.objects.filter(participation__person__in=people),
    }
    about_them = Q()
    for model, rows in owned.items():
        pks = rows if model is Person else rows.values_list("pk", flat=True)
        about_them |= Q(content_type=types[model], object_id__in=[str(pk) for pk in pks])
    LogEntry.objects.filter(about_them).update(object_repr=ANONYMOUS_TH)
    # Inline rows are named in their parent's entry ("added participation “Name – …”").
    for entry in LogEntry.objects.filter(change_message__contains='"object"').iterator():
        message = _scrubbed(entry.change_message, names)
        if message != entry.change_message:
            LogEntry.objects.filter(pk=entry.pk).update(change_message=message)


def _scrubbed(change_message: str, names: set[str]) -> str:
    try:
        changes = json.loads(change_message)
    except ValueError:
        return change_message
    if not isinstance(changes, list):
        return change_message
    scrubbed = False
    for change in changes:
        for detail in change.values() if isinstance(change, dict) else ():
            shown = detail.get("object") if isinstance(detail, dict) else None
            if isinstance(shown, str) and shown.split(REPR_SEPARATOR)[0] in names:
                detail["object"] = ANONYMOUS_TH
                scrubbed = True
    return json.dumps(changes) if scrubbed else change_message
