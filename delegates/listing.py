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
        session.room_name = str(session.room.name) if session.room else ""
        for role in getattr(session, "people", ()):
            label_role(role, labels)


def label_role(role: SessionRole, labels: Labels) -> None:
    """Set on a role what a list shows of it: the role, the person, and where they work."""
    person = role.person
    role.role_label = labels.roles.get(role.role, role.role)
    role.url = labels.speaker_url(role.person_id)
    role.person_name = person.full_name
    role.person_position = person.position
    role.person_organisation = str(person.organisation) if person.organisation else ""
    role.person_details = ", ".join(
        part for part in (role.person_position, role.person_organisation) if part
    )


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
