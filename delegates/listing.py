"""What the public lists show of each session and speaker, worked out once per rendering.

A programme of hundreds of sessions repeats a handful of values (a type, a role, a day, a
time of day, the address pattern of a session) hundreds of times. Looked up for each row
through translations, time zones and the URL resolver, they made an uncached programme of
800 sessions cost over a second; here each distinct value is worked out once and the
templates read plain attributes set on the rows.
"""

import datetime as dt
from collections.abc import Callable, Iterable

from django.urls import reverse

from amf.dates import format_date
from delegates.models import SessionRole
from delegates.templatetags.programme import day_heading
from events.models import Forum, Session

_SAMPLE = 987654321


def url_pattern(name: str, **kwargs) -> Callable[[int], str]:
    """Reverse `name` once; the returned function gives its address for any `pk`."""
    head, tail = reverse(name, kwargs={**kwargs, "pk": _SAMPLE}).split(str(_SAMPLE))
    return lambda pk: f"{head}{pk}{tail}"


class Labels:
    """The values rows share, in the active language, each worked out at its first use."""

    def __init__(self, forum: Forum):
        self.forum = forum
        self.zone = forum.zone
        self.session_url = url_pattern("delegates:session", slug=forum.slug)
        self.speaker_url = url_pattern("delegates:speaker", slug=forum.slug)
        self.kinds = {value: str(label) for value, label in Session.Kind.choices}
        self.roles = {value: str(label) for value, label in SessionRole.Role.choices}
        self._local: dict[dt.datetime, dt.datetime] = {}
        self._days: dict[dt.date, str] = {}
        self._dates: dict[dt.date, str] = {}
        self._rooms: dict[int, str] = {}
        self._people: dict[int, tuple[str, str, str, str]] = {}
        self._organisations: dict[int, str] = {}

    def room(self, session: Session) -> str:
        """The name of the session's room, or ""."""
        if session.room_id is None:
            return ""
        if session.room_id not in self._rooms:
            self._rooms[session.room_id] = str(session.room.name)
        return self._rooms[session.room_id]

    def person(self, person) -> tuple[str, str, str, str]:
        """Name, position, organisation, and position and organisation as one line."""
        if person.pk not in self._people:
            organisation = ""
            if person.organisation_id is not None:
                if person.organisation_id not in self._organisations:
                    self._organisations[person.organisation_id] = str(person.organisation)
                organisation = self._organisations[person.organisation_id]
            position = person.position
            details = ", ".join(part for part in (position, organisation) if part)
            self._people[person.pk] = (person.full_name, position, organisation, details)
        return self._people[person.pk]

    def local(self, moment: dt.datetime) -> dt.datetime:
        """`moment` in the forum's time zone."""
        local = self._local.get(moment)
        if local is None:
            local = self._local[moment] = moment.astimezone(self.zone)
        return local

    def day_heading(self, moment: dt.datetime) -> str:
        """The heading of the day `moment` falls on: "Tuesday 27 August 2019"."""
        day = self.local(moment).date()
        if day not in self._days:
            self._days[day] = day_heading(day)
        return self._days[day]

    def date(self, moment: dt.datetime) -> str:
        """The date `moment` falls on, in full: "27 August 2019"."""
        day = self.local(moment).date()
        if day not in self._dates:
            self._dates[day] = format_date(day)
        return self._dates[day]


def label_sessions(sessions: Iterable[Session], labels: Labels) -> None:
    """Set on each session, and each of its `people`, what a list of sessions shows."""
    for session in sessions:
        starts, ends = labels.local(session.starts_at), labels.local(session.ends_at)
        session.url = labels.session_url(session.pk)
        session.start_local, session.end_local = starts, ends
        session.start_time, session.start_iso = starts.strftime("%H:%M"), starts.isoformat()
        session.end_time, session.end_iso = ends.strftime("%H:%M"), ends.isoformat()
        session.kind_label = labels.kinds.get(session.kind, session.kind)
        session.room_name = labels.room(session)
        for role in getattr(session, "people", ()):
            label_role(role, labels)


def label_role(role: SessionRole, labels: Labels) -> None:
    """Set on a role what a list shows of it: the role, the person, and where they work."""
    role.role_label = labels.roles.get(role.role, role.role)
    role.url = labels.speaker_url(role.person_id)
    name, position, organisation, details = labels.person(role.person)
    role.person_name, role.person_position = name, position
    role.person_organisation, role.person_details = organisation, details


def label_speakers(participations, labels: Labels) -> None:
    """Set on each speaker's roles (`person.roles`) what the speakers list shows of them."""
    for participation in participations:
        person = participation.person
        person.url = labels.speaker_url(person.pk)
        for role in person.roles:
            session = role.session
            role.role_label = labels.roles.get(role.role, role.role)
            role.session_url = labels.session_url(role.session_id)
            role.session_day = labels.day_heading(session.starts_at)
            role.start_time = labels.local(session.starts_at).strftime("%H:%M")
