"""A forum's delegate figures: by country, organisation type, role, status and day."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from amf.dates import format_date
from delegates.models import Attendance, Country, Organisation, Participation
from delegates.services.registration import forum_days
from events.models import Forum

UNKNOWN = _("Not recorded")


@dataclass
class Line:
    label: str
    count: int
    share: float = 0.0  # of the table's total, 0–100
    bar: float = 0.0  # of the table's largest count, 0–100, for the chart


@dataclass
class Table:
    key: str
    title: str
    lines: list[Line] = field(default_factory=list)
    note: str = ""

    @property
    def total(self) -> int:
        return sum(line.count for line in self.lines)

    def finish(self) -> "Table":
        total = self.total or 1
        largest = max((line.count for line in self.lines), default=0) or 1
        for line in self.lines:
            line.share = round(100 * line.count / total, 1)
            line.bar = round(100 * line.count / largest, 1)
        return self


def _lines(counts: dict, labels: dict) -> list[Line]:
    lines = [Line(str(labels.get(key, UNKNOWN)), count) for key, count in counts.items()]
    return sorted(lines, key=lambda line: (-line.count, line.label))


def forum_statistics(forum: Forum, *, language: str | None = None) -> list[Table]:
    """The forum's figures as tables; cancelled registrations count only in the status table."""
    everyone = Participation.objects.filter(forum=forum)
    active = everyone.exclude(registration_status=Participation.RegistrationStatus.CANCELLED)
    by_country = active.with_country().counts_by("country_code")
    countries = {
        country.code: country.name
        for country in Country.objects.filter(code__in=[code for code in by_country if code])
    }
    by_kind = active.annotate(
        kind=Coalesce("person__organisation__kind", "delegation__kind")
    ).counts_by("kind")
    attendance = dict(
        Attendance.objects.filter(participation__forum=forum)
        .values_list("day")
        .annotate(count=Count("pk"))
        .order_by()
    )
    by_status = everyone.counts_by("registration_status")
    note = _("Cancelled registrations are not counted.")
    return [
        Table("country", _("By country"), _lines(by_country, countries), note).finish(),
        Table(
            "organisation_type",
            _("By organisation type"),
            _lines(by_kind, dict(Organisation.Kind.choices)),
            note,
        ).finish(),
        Table(
            "role",
            _("By role"),
            _lines(active.counts_by("role"), dict(Participation.Role.choices)),
            note,
        ).finish(),
        Table(
            "registration_status",
            _("By registration status"),
            [
                Line(str(label), by_status.get(value, 0))
                for value, label in Participation.RegistrationStatus.choices
            ],
        ).finish(),
        Table(
            "attendance",
            _("Attendance per day"),
            [
                Line(format_date(day, language=language), attendance.get(day, 0))
                for day in forum_days(forum)
            ],
            _("Delegates checked in on each day of the forum."),
        ).finish(),
    ]
