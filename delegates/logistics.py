"""The protocol desk's lists of a forum: arrivals and departures, rooming, needs, interpretation.

Each list is read from the delegates' replies (delegates/models/replies.py) in the active
language and laid out once as sections of groups of rows; the admin page, the CSV and XLSX
files and the PDF all show that one layout (delegates/services/exports.py). The replies are
personal data: only users allowed contact details may see these lists.

Cancelled participations are left out of every list. A delegate whose arrival or departure
date is not known is counted as present on every day they might be.
"""

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.functions import Lower, Trim
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext
from django.utils.translation import gettext as _

from amf.collation import thai_order
from amf.dates import format_date
from delegates.models import Participation
from delegates.names import full_name
from delegates.services.registration import forum_days
from events.languages import INTERPRETATION_LANGUAGES, language_name
from events.models import Forum, Session

ARRIVALS, ROOMING, NEEDS, INTERPRETATION = "arrivals", "rooming", "needs", "interpretation"
KINDS = {
    ARRIVALS: gettext_lazy("Arrivals and departures"),
    ROOMING: gettext_lazy("Rooming list"),
    NEEDS: gettext_lazy("Dietary and accessibility needs"),
    INTERPRETATION: gettext_lazy("Interpretation"),
}
# What a written need is cut into: "Halal; no alcohol" is two needs for the kitchen.
NEED_SEPARATORS = re.compile(r"[,;\n]+")


@dataclass
class Group:
    """Rows under one heading (a delegation, a need, a language); `keys` are its values in
    the flat files' leading columns."""

    title: str
    rows: list[list[str]]
    keys: list[str] = field(default_factory=list)
    note: str = ""
    # Something the desk must act on (a language asked for that no interpreter provides).
    alert: bool = False


@dataclass
class Section:
    """A part of a list (a day's arrivals, a hotel, a session), with its groups."""

    title: str
    groups: list[Group]
    keys: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class LogisticsList:
    kind: str
    forum: Forum
    day: dt.date | None
    columns: list[str]
    # The flat files' leading columns: the section's keys, then the group's.
    key_columns: list[str]
    sections: list[Section]
    empty: str
    # Columns of short values (times, dates, counts) kept on one line.
    compact: tuple[int, ...] = ()

    @property
    def landscape(self) -> bool:
        """Whether the PDF is printed across the page, for lists of many columns."""
        return len(self.columns) > 5

    @property
    def title(self) -> str:
        return str(KINDS[self.kind])

    @property
    def day_label(self) -> str:
        return format_date(self.day) if self.day else _("All days")

    def file_name(self, extension: str) -> str:
        """E.g. "arrivals-amf-2019-2019-08-25.pdf"; "all-days" when not narrowed to a day."""
        day = self.day.isoformat() if self.day else "all-days"
        return f"{self.kind}-{self.forum.slug}-{day}.{extension}"

    @property
    def row_count(self) -> int:
        return sum(len(group.rows) for section in self.sections for group in section.groups)

    @property
    def flat_columns(self) -> list[str]:
        return [*self.key_columns, *self.columns]

    def flat_rows(self) -> Iterator[list[str]]:
        """One row per person, led by their section's and group's values, for CSV and XLSX."""
        for section in self.sections:
            for group in section.groups:
                for row in group.rows:
                    yield [*section.keys, *group.keys, *row]


def list_days(forum: Forum, kind: str) -> list[dt.date]:
    """The days a list can be narrowed to: the forum's, and for travel and rooms, also the
    days delegates arrive or leave on (often the day before and after)."""
    days = set(forum_days(forum))
    if kind in (ARRIVALS, ROOMING):
        travel = active(forum).values_list("arrival_date", "departure_date").distinct()
        for arrival, departure in travel:
            days.update(day for day in (arrival, departure) if day is not None)
    return sorted(days)


def active(forum: Forum):
    return Participation.objects.filter(forum=forum).exclude(
        registration_status=Participation.RegistrationStatus.CANCELLED
    )


def present_on(day: dt.date) -> Q:
    """Participations in town on `day`: arrived by then and not left before (unknown: yes)."""
    return (Q(arrival_date__isnull=True) | Q(arrival_date__lte=day)) & (
        Q(departure_date__isnull=True) | Q(departure_date__gte=day)
    )


def in_town(participation, day: dt.date) -> bool:
    """`present_on` for a participation in memory."""
    arrival, departure = participation.arrival_date, participation.departure_date
    return (arrival is None or arrival <= day) and (departure is None or departure >= day)


def person_name(person) -> str:
    """The person's name in the active language, or in the other one if not written in it."""
    first = "th" if get_language() == "th" else "en"
    for language in (first, "en" if first == "th" else "th"):
        given = getattr(person, f"first_name_{language}")
        if given:
            return full_name(
                getattr(person, f"honorific_{language}"),
                given,
                getattr(person, f"last_name_{language}"),
                thai=language == "th",
            )
    return str(person)


def delegation_of(participation) -> tuple[str, str]:
    """The delegation's country and name, by the one rule of the listed country."""
    organisation = participation.delegation or participation.person.organisation
    country = participation.find_listed_country()
    return (country.name if country else "", organisation.name if organisation else "")


def rows_of(forum: Forum, *ordering, **aliases):
    """The forum's active participations with what the lists show, `ordering` first (which
    may name `aliases`), then protocol order (Thai names in Thai dictionary order)."""
    return (
        active(forum)
        .alias(**aliases)
        .for_export()
        .select_related("accompanies__person")
        .in_protocol_order(*ordering)
    )


def time_text(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def date_text(value: dt.date | None) -> str:
    return format_date(value) if value else ""


def arrivals(forum: Forum, day: dt.date | None) -> LogisticsList:
    """Who lands and leaves each day, by delegation, earliest first, for the airport desk."""
    travelling = Q(arrival_date__isnull=False) | Q(departure_date__isnull=False)
    if day is not None:
        travelling = Q(arrival_date=day) | Q(departure_date=day)
    movements = []
    # Protocol order from the database (Thai collation) breaks ties of date and time.
    for position, participation in enumerate(rows_of(forum).filter(travelling)):
        for direction in ("arrival", "departure"):
            date = getattr(participation, f"{direction}_date")
            if date is None or (day is not None and date != day):
                continue
            moment = getattr(participation, f"{direction}_time")
            movements.append(
                ((date, direction != "arrival", moment or dt.time.max, position), participation)
            )
    movements.sort(key=lambda item: item[0])
    sections: dict[tuple, Section] = {}
    groups: dict[tuple, Group] = {}
    for (date, departing, _moment, _position), participation in movements:
        direction = "departure" if departing else "arrival"
        label = _("Departures") if departing else _("Arrivals")
        section = sections.get((date, departing))
        if section is None:
            section = sections[(date, departing)] = Section(
                title=f"{label} · {format_date(date)}",
                groups=[],
                keys=[format_date(date), str(label)],
            )
        country, delegation = delegation_of(participation)
        group = groups.get((date, departing, country, delegation))
        if group is None:
            group = groups[(date, departing, country, delegation)] = Group(
                title=" · ".join(part for part in (country, delegation) if part)
                or _("No delegation recorded"),
                rows=[],
                keys=[country, delegation],
            )
            section.groups.append(group)
        group.rows.append(
            [
                time_text(getattr(participation, f"{direction}_time")),
                getattr(participation, f"{direction}_flight"),
                getattr(participation, f"{direction}_airport"),
                person_name(participation.person),
                participation.get_role_display(),
                participation.hotel,
            ]
        )
    for section in sections.values():
        people = sum(len(group.rows) for group in section.groups)
        section.note = ngettext("%(count)d person", "%(count)d people", people) % {"count": people}
    return LogisticsList(
        kind=ARRIVALS,
        forum=forum,
        day=day,
        columns=[_("Time"), _("Flight"), _("Airport"), _("Name"), _("Role"), _("Hotel")],
        key_columns=[_("Date"), _("Movement"), _("Country"), _("Delegation")],
        sections=list(sections.values()),
        compact=(0, 1),
        empty=_("No delegate has given an arrival or departure for this day.")
        if day
        else _("No delegate has given an arrival or departure yet."),
    )


def hotel_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def rooming(forum: Forum, day: dt.date | None) -> LogisticsList:
    """Each hotel's guests, by name, with their nights; for a day, those staying that night."""
    guests = rows_of(forum, thai_order("hotel_key"), hotel_key=Lower(Trim("hotel")))
    guests = guests.exclude(hotel="")
    if day is not None:
        guests = guests.filter(
            (Q(arrival_date__isnull=True) | Q(arrival_date__lte=day))
            & (Q(departure_date__isnull=True) | Q(departure_date__gt=day))
        )
    sections: dict[str, Section] = {}
    spellings: dict[str, Counter] = {}
    for participation in guests:
        key = hotel_key(participation.hotel)
        spelling = " ".join(participation.hotel.split())
        spellings.setdefault(key, Counter())[spelling] += 1
        if key not in sections:
            sections[key] = Section(title=spelling, groups=[Group(title="", rows=[])])
        country, delegation = delegation_of(participation)
        arrival, departure = participation.arrival_date, participation.departure_date
        nights = (departure - arrival).days if arrival and departure else None
        head = participation.accompanies
        sections[key].groups[0].rows.append(
            [
                person_name(participation.person),
                country,
                delegation,
                date_text(arrival),
                date_text(departure),
                str(nights) if nights is not None else "",
                person_name(head.person) if head else "",
            ]
        )
    for key, section in sections.items():
        # A hotel written several ways is named as most delegates wrote it.
        section.title = spellings[key].most_common(1)[0][0]
        section.keys = [section.title]
        guests_count = len(section.groups[0].rows)
        section.note = ngettext("%(count)d guest", "%(count)d guests", guests_count) % {
            "count": guests_count
        }
    return LogisticsList(
        kind=ROOMING,
        forum=forum,
        day=day,
        columns=[
            _("Name"),
            _("Country"),
            _("Delegation"),
            pgettext("hotel", "Check-in"),
            pgettext("hotel", "Check-out"),
            _("Nights"),
            _("Travels with"),
        ],
        key_columns=[_("Hotel")],
        sections=list(sections.values()),
        compact=(3, 4, 5),
        empty=_("No delegate stays in a hotel that night.")
        if day
        else _("No delegate has given a hotel yet."),
    )


def needs_of(text: str) -> list[str]:
    """The needs a delegate wrote, one by one, as written."""
    return [" ".join(part.split()) for part in NEED_SEPARATORS.split(text) if part.strip()]


def needs(forum: Forum, day: dt.date | None) -> LogisticsList:
    """For catering and the venue: how many people have each need, and who they are."""
    everyone = active(forum)
    if day is not None:
        everyone = everyone.filter(present_on(day))
    expected = everyone.count()
    with_needs = rows_of(forum).exclude(dietary_needs="", accessibility_needs="")
    if day is not None:
        with_needs = with_needs.filter(present_on(day))
    kinds = {
        "dietary_needs": (_("Dietary needs"), {}),
        "accessibility_needs": (_("Accessibility needs"), {}),
    }
    for participation in with_needs:
        country, delegation = delegation_of(participation)
        for name, (_label, groups) in kinds.items():
            written = getattr(participation, name)
            for need in dict.fromkeys(needs_of(written), None):
                key = need.casefold()
                if key not in groups:
                    groups[key] = Group(title=need, rows=[])
                groups[key].rows.append(
                    [person_name(participation.person), country, delegation, written]
                )
    sections = []
    for label, groups in kinds.values():
        ordered = sorted(groups.values(), key=lambda g: (-len(g.rows), g.title.casefold()))
        for group in ordered:
            group.keys = [group.title, str(len(group.rows))]
            group.note = ngettext("%(count)d person", "%(count)d people", len(group.rows)) % {
                "count": len(group.rows)
            }
        if ordered:
            people = len({row[0] for group in ordered for row in group.rows})
            sections.append(
                Section(
                    title=str(label),
                    groups=ordered,
                    keys=[str(label)],
                    note=ngettext(
                        "%(count)d person of %(expected)d expected",
                        "%(count)d people of %(expected)d expected",
                        people,
                    )
                    % {"count": people, "expected": expected},
                )
            )
    return LogisticsList(
        kind=NEEDS,
        forum=forum,
        day=day,
        columns=[_("Name"), _("Country"), _("Delegation"), _("As written")],
        key_columns=[_("Kind of need"), _("Need"), _("People with this need")],
        sections=sections,
        empty=ngettext(
            "None of the %(count)d delegate expected has a dietary or accessibility need.",
            "None of the %(count)d delegates expected has a dietary or accessibility need.",
            expected,
        )
        % {"count": expected},
    )


def interpretation(forum: Forum, day: dt.date | None) -> LogisticsList:
    """Each session's interpretation: the languages provided and needed, and the listeners.

    Listeners are the delegates in town on the session's day who asked for a language.
    Breaks need no interpreters and are left out.
    """
    zone = forum.zone
    sessions = [
        session
        for session in Session.objects.filter(forum=forum)
        .exclude(kind=Session.Kind.BREAK)
        .select_related("room")
        .in_programme_order()
        if day is None or session.starts_at.astimezone(zone).date() == day
    ]
    listeners = [
        (participation, *delegation_of(participation))
        for participation in rows_of(forum).exclude(interpretation_language="")
    ]
    order = {code: index for index, code in enumerate(INTERPRETATION_LANGUAGES)}
    yes, no = _("provided"), _("not provided")
    sections = []
    for session in sessions:
        starts = session.starts_at.astimezone(zone)
        on_day = starts.date()
        heard: dict[str, list] = {}
        for participation, country, delegation in listeners:
            if in_town(participation, on_day):
                heard.setdefault(participation.interpretation_language, []).append(
                    [person_name(participation.person), country, delegation]
                )
        provided = [code for code in session.interpretation_languages if code in order]
        codes = sorted({*provided, *heard}, key=lambda code: order.get(code, len(order)))
        groups = []
        for code in codes:
            rows = heard.get(code, [])
            state = yes if code in provided else no
            count = ngettext("%(count)d listener", "%(count)d listeners", len(rows)) % {
                "count": len(rows)
            }
            groups.append(
                Group(
                    title=language_name(code),
                    rows=rows,
                    keys=[language_name(code), str(state), str(len(rows))],
                    note=f"{state} · {count}",
                    alert=bool(rows) and code not in provided,
                )
            )
        when = f"{format_date(on_day)} {starts:%H:%M}–{session.ends_at.astimezone(zone):%H:%M}"
        room = str(session.room.name) if session.room else ""
        sections.append(
            Section(
                title=session.title,
                groups=groups,
                keys=[session.title, when, room],
                note=" · ".join(part for part in (when, room) if part)
                + ("" if groups else " · " + _("No interpretation provided or asked for.")),
            )
        )
    return LogisticsList(
        kind=INTERPRETATION,
        forum=forum,
        day=day,
        columns=[_("Name"), _("Country"), _("Delegation")],
        key_columns=[
            _("Session"),
            _("When"),
            _("Room"),
            _("Language"),
            _("Interpretation"),
            _("Listeners"),
        ],
        sections=sections,
        empty=_("The forum has no session on this day.")
        if day
        else _("The forum has no session yet."),
    )


BUILDERS = {ARRIVALS: arrivals, ROOMING: rooming, NEEDS: needs, INTERPRETATION: interpretation}


def logistics_list(forum: Forum, kind: str, day: dt.date | None) -> LogisticsList:
    """The list `kind` (see KINDS) of `forum`, for `day` or for all days, in the active
    language."""
    return BUILDERS[kind](forum, day)
