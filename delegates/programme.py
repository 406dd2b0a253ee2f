"""The public programme of a forum: its sessions with the people who may be named publicly."""

import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from zoneinfo import ZoneInfo

from django.db.models import Prefetch
from django.utils import timezone

from delegates.models import SessionRole
from events.models import Forum, Session


def public_sessions(forum: Forum, *, ids: list[int] | None = None) -> list[Session]:
    """The forum's sessions in programme order, each with `people`: its public roles (2 queries).

    Each role carries its person and the person's organisation.
    """
    roles = SessionRole.objects.public().in_protocol_order().select_related("person__organisation")
    sessions = (
        Session.objects.filter(forum=forum)
        .select_related("room__venue")
        .prefetch_related(Prefetch("roles", queryset=roles, to_attr="people"))
        .in_programme_order()
    )
    if ids is not None:
        sessions = sessions.filter(pk__in=ids)
    return list(sessions)


@dataclass(frozen=True)
class Timing:
    """When a session runs, all that marking "now" and "next" needs."""

    pk: int
    starts_at: dt.datetime
    ends_at: dt.datetime


@dataclass(frozen=True)
class NowAndNext:
    """The sessions running at a moment, and those starting next."""

    now: frozenset[int] = frozenset()
    next: frozenset[int] = frozenset()

    @property
    def signature(self) -> str:
        """A short text naming the marked sessions, for cache keys."""
        now = ".".join(map(str, sorted(self.now)))
        upcoming = ".".join(map(str, sorted(self.next)))
        return f"now{now}:next{upcoming}"


def now_and_next(forum, timings: list[Timing], *, at: dt.datetime | None = None) -> NowAndNext:
    """Mark what runs at `at` (default: now) and what starts next, only while the forum runs.

    `forum` is a Forum or a ForumVersion: anything with dates and a `time_zone`.
    """
    at = at or timezone.now()
    today = at.astimezone(ZoneInfo(forum.time_zone)).date()
    if not forum.start_date <= today <= forum.end_date:
        return NowAndNext()
    now = frozenset(t.pk for t in timings if t.starts_at <= at < t.ends_at)
    upcoming = [t for t in timings if t.starts_at > at]
    if not upcoming:
        return NowAndNext(now=now)
    first = min(t.starts_at for t in upcoming)
    return NowAndNext(now=now, next=frozenset(t.pk for t in upcoming if t.starts_at == first))


@dataclass
class Day:
    """One day of the programme, in the forum's time zone."""

    date: dt.date
    sessions: list[Session]

    @property
    def anchor(self) -> str:
        return f"day-{self.date.isoformat()}"


def by_day(sessions: list[Session], zone) -> list[Day]:
    """Group sessions, already in programme order, by their local starting day."""
    return [
        Day(date=day, sessions=list(items))
        for day, items in groupby(sessions, key=lambda s: s.starts_at.astimezone(zone).date())
    ]
