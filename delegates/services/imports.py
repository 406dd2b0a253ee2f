"""Import a forum's delegates from a spreadsheet: check every row first, then write in bulk."""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from amf.bulk import (
    instances,
    new_instance,
    rows_create,
    rows_update_with_history,
    values_in,
)
from delegates.models import Country, Organisation, Participation, Person
from delegates.resources import (
    PARTICIPATION_COLUMNS,
    PERSON_COLUMNS,
    DelegateResource,
)
from delegates.spreadsheets import Table
from events.impact import shows_change
from events.models import Forum
from events.services import forums_touch_showing

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
HEADER_ALIASES = {
    "organization_th": "organisation_th",
    "organization_en": "organisation_en",
    "organization_type": "organisation_type",
    "country_code": "country",
    "e_mail": "email",
}
NEW_PERSON_BLANKS = [*PERSON_COLUMNS, "bio_th", "bio_en"]
# Blank cells in these columns leave the value as it is (or the default, for a new row);
# blank text clears it. A consent's date is never erased by a blank cell: a file that
# leaves it empty (the office's own list, say) keeps the date the consent was recorded.
KEEP_IF_BLANK = {
    "role",
    "registration_status",
    "precedence",
    "badge_issued",
    "consents_to_public_listing",
    "consent_recorded_on",
    "consents_to_photographs",
    "photograph_consent_recorded_on",
}
# How often, in rows, `progress` hears how far the import is.
PROGRESS_EVERY = 500
# Rows written per batch; each batch is a handful of statements.
WRITE_BATCH = 2000
PERSON_UPDATE_FIELDS = [
    f"{name}{suffix}"
    for name in ("honorific", "first_name", "last_name", "position")
    for suffix in ("", "_th", "_en")
]


@dataclass(frozen=True)
class Issue:
    """Something wrong with a file, a row or a cell."""

    row: int | None
    column: str | None
    message: str

    def __str__(self):
        if self.row and self.column:
            return _("Row %(row)d, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return self.message


@dataclass
class PlannedRow:
    row: int
    action: str
    participation: Participation
    person: Person
    changes: list[str]
    person_changed: bool = False
    participation_changed: bool = False

    @property
    def name(self) -> str:
        return self.person.full_name


@dataclass
class ImportPlan:
    """What importing a file would do, or why it cannot be imported."""

    forum: Forum
    rows: list[PlannedRow] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    new_organisations: list[Organisation] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.issues

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def summary(self) -> dict[str, int]:
        return {
            "create": self.count(CREATE),
            "update": self.count(UPDATE),
            "unchanged": self.count(UNCHANGED),
            "organisations": len(self.new_organisations),
        }


def header_key(header: str) -> str:
    key = re.sub(r"[\s\-]+", "_", header.strip().lstrip("\ufeff").lower())
    return HEADER_ALIASES.get(key, key)


def name_key(*parts: str) -> str:
    return " ".join(" ".join(part or "" for part in parts).split()).casefold()


class _Planner:
    """Works out, row by row, what the file asks for; collects every issue on the way."""

    def __init__(self, forum: Forum, table: Table, include_contacts: bool, progress=None):
        self.forum = forum
        self.table = table
        self.plan = ImportPlan(forum=forum)
        self.resource = DelegateResource(
            include_contacts=include_contacts, countries=Country.objects.lookup()
        )
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.seen: dict[tuple, int] = {}
        self.progress = progress

    def issue(self, row, column, message):
        self.plan.issues.append(Issue(row, column, message))

    def columns(self) -> dict[str, int] | None:
        known = set(self.resource.columns)
        present: dict[str, int] = {}
        for index, header in enumerate(self.table.headers):
            key = header_key(header)
            if not key:
                continue
            if key in present:
                self.issue(1, header, _("This column appears twice."))
            elif key in known:
                present[key] = index
            else:
                self.plan.ignored_columns.append(header)
        if "first_name_th" not in present and "first_name_en" not in present:
            self.issue(1, "first_name_en", _("The required column is missing (or first_name_th)."))
        if "country" not in present:
            self.issue(1, "country", _("The required column is missing."))
        return None if self.plan.issues else present

    def load(self):
        # Each organisation is one object, shared by every person of it, rather than a copy
        # per row; the forum's people come with their participations.
        self.organisations_by_pk = {o.pk: o for o in Organisation.objects.all()}
        self.organisations = {}
        for organisation in self.organisations_by_pk.values():
            for name in (organisation.name_en, organisation.name_th, organisation.acronym):
                if name:
                    self.organisations.setdefault(name_key(name), organisation)
        self.by_id = {}
        self.by_email = {}
        self.by_name = {}
        people = {
            person.pk: person
            for person in instances(Person.objects.filter(participations__forum=self.forum))
        }
        for participation in instances(
            Participation.objects.filter(forum=self.forum).order_by("pk")
        ):
            person = people[participation.person_id]
            participation.person = person
            self._attach_organisations(participation)
            self.by_id[participation.pk] = participation
            if person.email:
                self.by_email.setdefault(person.email.lower(), participation)
            for language in ("th", "en"):
                first = getattr(person, f"first_name_{language}")
                if first:
                    key = (language, name_key(first, getattr(person, f"last_name_{language}")))
                    self.by_name.setdefault(key, participation)

    def _attach_organisations(self, participation: Participation) -> None:
        person = participation.person
        person.organisation = self.organisations_by_pk.get(person.organisation_id)
        participation.delegation = self.organisations_by_pk.get(participation.delegation_id)

    def report(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    def run(self) -> ImportPlan:
        present = self.columns()
        if present is None:
            return self.plan
        self.load()
        # The rows are read once, in order (they may come straight from the file).
        total = getattr(self.table, "size_hint", 0) or 0
        cleaned = []
        unmatched_emails = set()
        read = 0
        for read, cells in enumerate(self.table.rows, start=1):
            if read % PROGRESS_EVERY == 0:
                # The size is a hint: never report more rows done than there are.
                self.report(read, max(total, read) if total else 0)
            if not any(cell.strip() for cell in cells):
                continue
            number = read + 1  # The header is row 1.
            values = self.clean(number, cells, present)
            if values is None:
                continue
            participation = self.match(number, values)
            if participation is None and values.get("email"):
                unmatched_emails.add(values["email"])
            cleaned.append((number, values, participation))
        self.report(read, total or read)
        # People of other forums a new row names by email, fetched once for the whole file.
        self.people_by_email = self.people_with_emails(unmatched_emails)
        for number, values, participation in cleaned:
            self.plan_row(number, values, participation)
        return self.plan

    def people_with_emails(self, emails: set[str]) -> dict[str, Person]:
        found = {}
        emails = sorted(emails)
        for start in range(0, len(emails), 5000):
            people = (
                Person.objects.annotate(email_key=Lower("email"))
                .filter(email_key__in=values_in(emails[start : start + 5000], "text"))
                .order_by("pk")
            )
            for person in instances(people):
                # The first person recorded with the address.
                found.setdefault(person.email.lower(), person)
        for person in found.values():
            person.organisation = self.organisations_by_pk.get(person.organisation_id)
        return found

    def clean(self, number: int, cells: list[str], present: dict[str, int]) -> dict | None:
        values = {}
        failed = False
        for column, index in present.items():
            raw = cells[index] if index < len(cells) else ""
            try:
                values[column] = self.resource.clean_cell(column, raw)
            except ValueError as error:
                self.issue(number, column, str(error))
                failed = True
        extra = cells[len(self.table.headers) :]
        if any(cell.strip() for cell in extra):
            self.issue(number, None, _("The row has more cells than the header has columns."))
            failed = True
        if not values.get("first_name_th") and not values.get("first_name_en"):
            column = "first_name_en" if "first_name_en" in present else "first_name_th"
            self.issue(number, column, _("A given name in Thai or English is required."))
            failed = True
        return None if failed else values

    def match(self, number: int, values: dict) -> Participation | None:
        """The forum's participation the row is about: by id, else email, else name."""
        if values.get("id") is not None:
            participation = self.by_id.get(values["id"])
            if participation is None:
                self.issue(
                    number,
                    "id",
                    _("No delegate with id %(id)d takes part in this forum.")
                    % {"id": values["id"]},
                )
            return participation
        email = values.get("email")
        if email and email in self.by_email:
            return self.by_email[email]
        for language in ("en", "th"):
            first = values.get(f"first_name_{language}")
            if first:
                key = (language, name_key(first, values.get(f"last_name_{language}") or ""))
                participation = self.by_name.get(key)
                if participation and (
                    not email
                    or not participation.person.email
                    or participation.person.email.lower() == email
                ):
                    return participation
        return None

    def duplicate_keys(self, values: dict, participation: Participation | None) -> list[tuple]:
        if participation is not None:
            return [("participation", participation.pk)]
        if values.get("email"):
            return [("email", values["email"])]
        return [
            (
                language,
                name_key(
                    values[f"first_name_{language}"], values.get(f"last_name_{language}") or ""
                ),
            )
            for language in ("en", "th")
            if values.get(f"first_name_{language}")
        ]

    def organisation(self, number: int, values: dict) -> Organisation | None:
        names = [values.get("organisation_en") or "", values.get("organisation_th") or ""]
        if not any(names):
            return None
        for name in names:
            if name and (found := self.organisations.get(name_key(name))):
                return found
        kind = values.get("organisation_type")
        if not kind:
            self.issue(
                number,
                "organisation_type",
                _("“%(name)s” is a new organisation: give its type (one of %(kinds)s).")
                % {"name": names[0] or names[1], "kinds": ", ".join(Organisation.Kind.values)},
            )
            return None
        organisation = Organisation(
            name_en=names[0] or names[1],
            name_th=names[1] or names[0],
            kind=kind,
            country=values.get("country"),
        )
        self.plan.new_organisations.append(organisation)
        for name in names:
            if name:
                self.organisations[name_key(name)] = organisation
        return organisation

    @staticmethod
    def new_person() -> Person:
        person = new_instance(Person)
        for name in NEW_PERSON_BLANKS:
            setattr(person, name, "")
        return person

    def plan_row(self, number: int, values: dict, participation: Participation | None):
        if values.get("id") is not None and participation is None:
            return
        for key in self.duplicate_keys(values, participation):
            if key in self.seen:
                self.issue(
                    number,
                    None,
                    _("This row is the same delegate as row %(row)d.") % {"row": self.seen[key]},
                )
                return
            self.seen[key] = number
        organisation_given = "organisation_en" in values or "organisation_th" in values
        organisation = self.organisation(number, values) if organisation_given else None
        if participation is None and values.get("country") is None:
            self.issue(number, "country", _("A country is required for a new delegate."))
            return
        if self.plan.issues:
            # Once the file is known to be refused, only look for more issues.
            return
        if participation is None:
            person = self.people_by_email.get(values.get("email") or "") or self.new_person()
            participation = new_instance(Participation)
            participation.forum = self.forum
            participation.person = person
            participation.role = Participation.Role.DELEGATE
            participation.registration_status = Participation.RegistrationStatus.REGISTERED
            action = CREATE
        else:
            person = participation.person
            action = UPDATE
        changes = []
        person_changed = self.assign(person, values, PERSON_COLUMNS, changes)
        if (organisation_given and person.organisation_id != getattr(organisation, "pk", None)) or (
            organisation is not None and organisation.pk is None
        ):
            person.organisation = organisation
            changes.append("organisation")
            person_changed = True
        participation_changed = self.assign(participation, values, PARTICIPATION_COLUMNS, changes)
        country = values.get("country")
        # A country the participation is already listed under (its delegation's, say, as an
        # exported list gives it) changes nothing; a new delegate records it as their own.
        listed = participation.find_listed_country_id() if action == UPDATE else None
        if country is not None and listed != country.pk:
            participation.country = country
            changes.append("country")
            participation_changed = True
        participation_changed |= self.stamp(participation, values, changes)
        if action == UPDATE and not changes:
            action = UNCHANGED
        self.plan.rows.append(
            PlannedRow(
                row=number,
                action=action,
                participation=participation,
                person=person,
                changes=changes,
                person_changed=person_changed or person.pk is None,
                participation_changed=participation_changed,
            )
        )

    def assign(self, obj, values: dict, columns, changes: list[str]) -> bool:
        changed = False
        for column in columns:
            if column not in values:
                continue
            value = values[column]
            if value is None and column in KEEP_IF_BLANK:
                continue
            current = getattr(obj, column)
            # Files carry addresses in lower case; "Mayor@Example.org" typed in the admin is
            # the same address, and an exported list imported back changes nothing.
            if column == "email" and (current or "").lower() == value:
                continue
            if current != value:
                setattr(obj, column, value)
                changes.append(column)
                changed = True
        return changed

    def stamp(self, participation: Participation, values: dict, changes: list[str]) -> bool:
        """Date a consent given without a date, and time a badge newly issued."""
        changed = False
        for consent, date in (
            ("consents_to_public_listing", "consent_recorded_on"),
            ("consents_to_photographs", "photograph_consent_recorded_on"),
        ):
            if consent in changes and not values.get(date):
                setattr(participation, date, self.today)
                changed = True
        if "badge_issued" in changes:
            participation.badge_issued_at = self.now if participation.badge_issued else None
            changed = True
        return changed


def delegates_import_plan(
    *, forum: Forum, table: Table, include_contacts: bool = True, progress=None
) -> ImportPlan:
    """Work out what importing `table` into `forum` would create and update; writes nothing.

    `table.rows` is read once, in order. `progress(done, total)`, if given, hears every few
    hundred rows how many were read; `total` is the table's `size_hint` (at least `done`)
    when it has one, else 0 until the last call.
    """
    return _Planner(forum, table, include_contacts, progress).run()


@transaction.atomic
def delegates_import(
    *,
    forum: Forum,
    table: Table,
    include_contacts: bool = True,
    dry_run: bool = False,
    user=None,
    progress=None,
) -> ImportPlan:
    """Import a table of delegates into a forum, all rows or none.

    Creates organisations and people that do not exist yet, and creates or updates the
    forum's participations. Writes nothing if any row has an issue or `dry_run` is set.
    Side effects: every person and participation created or changed gets a version in its
    audit trail naming `user` and the import; the forum, and every other forum whose
    public pages show a person whose name, position or organisation changed, gets a new
    version. `progress(done, total)` hears how far reading the rows (see
    `delegates_import_plan`), then writing them, has come.
    """
    plan = delegates_import_plan(
        forum=forum, table=table, include_contacts=include_contacts, progress=progress
    )
    if plan.issues or dry_run:
        return plan
    _apply(plan, user=user, progress=progress)
    plan.applied = True
    return plan


PERSON_FIELDS = [*PERSON_UPDATE_FIELDS, "email", "phone", "organisation", "updated_at"]
PARTICIPATION_FIELDS = [*PARTICIPATION_COLUMNS, "country", "badge_issued_at", "updated_at"]


def _apply(plan: ImportPlan, *, user, progress) -> None:
    now = timezone.now()
    reason = _("Delegate list import")
    rows_create(Organisation, plan.new_organisations)
    written = [row for row in plan.rows if row.action != UNCHANGED]
    shown_people = set()
    for start in range(0, len(written), WRITE_BATCH):
        batch = written[start : start + WRITE_BATCH]
        new_people = [row.person for row in batch if row.person.pk is None]
        changed_people = [
            row.person for row in batch if row.person.pk is not None and row.person_changed
        ]
        for person in changed_people:
            person.updated_at = now
        rows_create(Person, new_people, user=user, reason=reason)
        rows_update_with_history(Person, changed_people, PERSON_FIELDS, user=user, reason=reason)
        # People new to the database are shown by this forum only, which is touched anyway.
        created = {id(person) for person in new_people}
        shown_people.update(
            row.person.pk
            for row in batch
            if row.person_changed
            and id(row.person) not in created
            and shows_change(Person, _person_changes(row))
        )
        new_participations, changed_participations = [], []
        for row in batch:
            participation = row.participation
            participation.person = row.person
            if participation.pk is None:
                new_participations.append(participation)
            elif row.participation_changed:
                participation.updated_at = now
                changed_participations.append(participation)
        rows_create(Participation, new_participations, user=user, reason=reason)
        rows_update_with_history(
            Participation, changed_participations, PARTICIPATION_FIELDS, user=user, reason=reason
        )
        if progress is not None:
            progress(start + len(batch), len(written))
    if written or plan.new_organisations:
        # This forum's lists change; other forums show the people whose names changed.
        forums_touch_showing(
            rows={Person: sorted(shown_people)}, before={plan.forum.pk: plan.forum.slug}
        )


def _person_changes(row: PlannedRow) -> list[str]:
    return [change for change in row.changes if change in {*PERSON_COLUMNS, "organisation"}]
