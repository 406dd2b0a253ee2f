"""Thailand's PDPA right of access: everything the office holds about one person, as a file.

The file is a ZIP of two documents made from the same record: `record.json`, complete and
machine-readable (every value, Thai and English, dates in ISO 8601), and `record.pdf`, the
same record for the person to read, in Thai or English. It holds the person's details and
contact details, every participation with its consents and their dates, the sessions they
spoke at, their attendance, the earlier versions of these kept in the audit trail, and the
export-log entries of the forums they took part in (which lists of delegates left the
office, when). Staff user names are left out: they are the office's, not the person's.
"""

import io
import json
import zipfile
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import pgettext_lazy

from amf.pdf import render_pdf
from delegates.models import (
    Attendance,
    Country,
    ExportLog,
    OutgoingEmail,
    Participation,
    Person,
    SessionRole,
)
from delegates.models.replies import REPLY_FIELDS
from delegates.services.exports import export_log_record
from events.languages import language_name

PERSON_FIELDS = [
    "honorific_th",
    "honorific_en",
    "first_name_th",
    "first_name_en",
    "last_name_th",
    "last_name_en",
    "position_th",
    "position_en",
    "email",
    "phone",
    "bio_th",
    "bio_en",
    "created_at",
    "updated_at",
    "anonymised_at",
]
PARTICIPATION_FIELDS = [
    "role",
    "registration_status",
    "precedence",
    "consents_to_public_listing",
    "consent_recorded_on",
    "consents_to_photographs",
    "photograph_consent_recorded_on",
    "badge_issued",
    "badge_issued_at",
    *REPLY_FIELDS,
    "delegate_changed_at",
    "created_at",
    "updated_at",
]
HISTORY_TYPES = {
    "+": pgettext_lazy("audit trail", "recorded"),
    "~": pgettext_lazy("audit trail", "changed"),
    "-": pgettext_lazy("audit trail", "deleted"),
}


@dataclass(frozen=True)
class AccessFile:
    content: bytes
    filename: str


def _name(obj, field: str = "name") -> dict[str, str] | None:
    if obj is None:
        return None
    return {language: getattr(obj, f"{field}_{language}") or "" for language in ("th", "en")}


def _values(obj, fields: list[str]) -> dict:
    values = {}
    for name in fields:
        value = getattr(obj, name)
        # A related row (a passport's country) by its names, as the rest of the record.
        values[name] = _name(value) if isinstance(value, Country) else value
    return values


def _history(records, fields: list[str]) -> list[dict]:
    return [
        {
            "recorded_at": record.history_date,
            "change": record.history_type,
            "values": _values(record, fields),
        }
        for record in records.order_by("history_date", "history_id")
    ]


def person_record(person: Person) -> dict:
    """Everything the office holds about `person`, as JSON-ready data."""
    participations = (
        Participation.objects.filter(person=person)
        .select_related("forum", "delegation", "country", "passport_nationality")
        .order_by("forum__start_date", "pk")
    )
    attendance: dict[int, list] = {}
    for entry in Attendance.objects.filter(participation__person=person).order_by("day"):
        attendance.setdefault(entry.participation_id, []).append(
            {"day": entry.day, "checked_in_at": entry.checked_in_at}
        )
    roles: dict[int, list] = {}
    for role in (
        SessionRole.objects.filter(person=person)
        .select_related("session")
        .order_by("session__starts_at", "pk")
    ):
        roles.setdefault(role.session.forum_id, []).append(
            {
                "session": _name(role.session, "title"),
                "starts_at": role.session.starts_at,
                "role": role.role,
                "contribution": _name(role, "contribution"),
            }
        )
    forum_ids = [participation.forum_id for participation in participations]
    exports = (
        ExportLog.objects.filter(Q(forum_id__in=forum_ids) | Q(person=person))
        .select_related("forum")
        .order_by("created_at", "pk")
    )
    return {
        "produced_at": timezone.now(),
        "person": {
            "id": person.pk,
            **_values(person, PERSON_FIELDS),
            # The photo itself is an image, not data to list: the record says one is kept.
            "photo_stored": bool(person.photo),
            "organisation": _name(person.organisation),
        },
        "participations": [
            {
                "id": participation.pk,
                "forum": {
                    "title": _name(participation.forum, "title"),
                    "start_date": participation.forum.start_date,
                    "end_date": participation.forum.end_date,
                },
                "delegation": _name(participation.delegation),
                "country": _name(participation.country),
                **_values(participation, PARTICIPATION_FIELDS),
                "attendance": attendance.get(participation.pk, []),
                "session_roles": roles.get(participation.forum_id, []),
                "history": _history(participation.history.all(), PARTICIPATION_FIELDS),
            }
            for participation in participations
        ],
        "history": _history(person.history.all(), PERSON_FIELDS),
        "export_log": [
            {
                "exported_at": entry.created_at,
                "kind": entry.kind,
                "forum": _name(entry.forum, "title"),
                "rows": entry.row_count,
                "includes_contact_details": entry.includes_contact_details,
                "this_person_only": entry.person_id == person.pk,
            }
            for entry in exports
        ],
        # Every email the office sent them, with its text.
        "emails": [
            {
                "queued_at": email.queued_at,
                "sent_at": email.sent_at,
                "state": email.state,
                "kind": email.kind,
                "language": email.language,
                "to": email.to_address,
                "subject": email.subject,
                "text": email.body,
            }
            for email in OutgoingEmail.objects.filter(person=person).order_by("queued_at", "pk")
        ],
    }


def _readable(record: dict, language: str) -> dict:
    """The record with codes turned into words of `language`, for the PDF."""
    kinds = dict(ExportLog.Kind.choices)
    participation_roles = dict(Participation.Role.choices)
    statuses = dict(Participation.RegistrationStatus.choices)
    responses = dict(Participation.Response.choices)
    session_roles = dict(SessionRole.Role.choices)
    email_kinds = dict(OutgoingEmail.Kind.choices)
    email_states = dict(OutgoingEmail.State.choices)

    def text(names):
        return (names or {}).get(language) or (names or {}).get("th") or ""

    return {
        "person": record["person"],
        "organisation": text(record["person"]["organisation"]),
        "participations": [
            {
                **item,
                "forum_title": text(item["forum"]["title"]),
                "delegation_name": text(item["delegation"]),
                "country_name": text(item["country"]),
                "role_label": participation_roles.get(item["role"], item["role"]),
                "status_label": statuses.get(item["registration_status"], ""),
                "response_label": responses.get(item["response"], ""),
                "nationality_name": text(item["passport_nationality"]),
                "interpretation_label": language_name(item["interpretation_language"])
                if item.get("interpretation_language")
                else "",
                "sessions": [
                    {
                        **role,
                        "title": text(role["session"]),
                        "role_label": session_roles.get(role["role"], role["role"]),
                        "contribution_text": text(role["contribution"]),
                    }
                    for role in item["session_roles"]
                ],
                "changes": [
                    {**entry, "change_label": HISTORY_TYPES.get(entry["change"], "")}
                    for entry in item["history"]
                ],
            }
            for item in record["participations"]
        ],
        "history": [
            {**entry, "change_label": HISTORY_TYPES.get(entry["change"], "")}
            for entry in record["history"]
        ],
        "export_log": [
            {
                **entry,
                "kind_label": kinds.get(entry["kind"], ""),
                "forum_title": text(entry["forum"]),
            }
            for entry in record["export_log"]
        ],
        "emails": [
            {
                **entry,
                "kind_label": email_kinds.get(entry["kind"], entry["kind"]),
                "state_label": email_states.get(entry["state"], entry["state"]),
            }
            for entry in record["emails"]
        ],
        "produced_at": record["produced_at"],
    }


def person_access_file(*, person: Person, user, language: str = "th") -> AccessFile:
    """Produce `person`'s access file (a ZIP of record.json and record.pdf in `language`).

    Side effect: records the production in the export log (kind "access file", with the
    person, flagged as holding contact details), so that the file itself is accounted for.
    """
    export_log_record(
        kind=ExportLog.Kind.ACCESS_FILE,
        row_count=1,
        includes_contact_details=True,
        user=user,
        person=person,
    )
    record = person_record(person)
    with translation.override(language):
        pdf = render_pdf(
            "delegates/person_access_file.html",
            {"record": _readable(record, language), "language": language},
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "record.json",
            json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        archive.writestr("record.pdf", pdf)
    stamp = timezone.localdate().isoformat()
    return AccessFile(content=buffer.getvalue(), filename=f"person-{person.pk}-{stamp}.zip")
