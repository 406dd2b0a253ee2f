"""The public programme of a forum: its sessions with the people who may be named publicly."""

import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from delegates.models import Participation, SessionRole
from events.models import Forum, Session
from events.models.forum import ForumVersion
from events.pages import keep, recall, stored_key

# What the programme never shows of the people it names.
PERSON_NOT_SHOWN = ["email", "phone", "bio", "anonymised_at", "created_at", "updated_at"]


def _translated(*names: str) -> list[str]:
    # A translated field's own column and each language's (modeltranslation reads both).
    return [f"{name}{suffix}" for name in names for suffix in ("", "_th", "_en")]


# What the speakers list shows, and so all it loads, of a person, an organisation, a session.
LISTED_PERSON_FIELDS = _translated("honorific", "first_name", "last_name", "position")
ORGANISATION_NAMES = [*_translated("name"), "acronym"]
SESSION_TITLES = _translated("title")


def public_sessions(
    forum: Forum, *, ids: list[int] | None = None, photos: bool = False
) -> list[Session]:
    """The forum's sessions in programme order, each with `people`: its public roles (2 queries).

    Each role carries its person and the person's organisation; with `photos`, also
    `photo_shown`: whether the person's photo may appear on this forum's pages.
    """
    roles = (
        SessionRole.objects.public()
        .in_protocol_order()
        .select_related("person__organisation")
        # Only what a programme shows: no contact details, and fewer columns to read.
        .defer(*(f"person__{name}" for name in PERSON_NOT_SHOWN))
    )
    if photos:
        shown = Participation.objects.photo_shown().filter(
            forum=OuterRef("session__forum"), person=OuterRef("person")
        )
        roles = roles.annotate(photo_shown=Exists(shown))
    sessions = (
        Session.objects.filter(forum=forum)
        .select_related("room")
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


def public_speakers(forum):
    """Public participations of people with a role in one of the forum's sessions."""
    roles = SessionRole.objects.filter(session__forum=forum, person=OuterRef("person"))
    return Participation.objects.public().filter(forum=forum).filter(Exists(roles))


def listed_speakers(forum):
    """The forum's public speakers in protocol order, with only what the speakers list shows:
    their people and organisations, and their sessions' titles and starting times.

    The list of a large forum names thousands of people; every column and related row not
    loaded is a model built fewer times, which is most of the list's cost.
    """
    own_roles = (
        SessionRole.objects.filter(session__forum=forum)
        .select_related("session")
        .only(
            "role",
            "person_id",
            "session_id",
            "session__starts_at",
            *(f"session__{name}" for name in SESSION_TITLES),
        )
        .order_by("session__starts_at", "session__order", "session__pk", "pk")
    )
    return (
        public_speakers(forum)
        .select_related("person__organisation")
        .only(
            "forum_id",
            "person_id",
            # A photo is listed where the person consents to photographs for this forum.
            "consents_to_photographs",
            "person__photo",
            *(f"person__{name}" for name in LISTED_PERSON_FIELDS),
            *(f"person__organisation__{name}" for name in ORGANISATION_NAMES),
        )
        .prefetch_related(Prefetch("person__session_roles", queryset=own_roles, to_attr="roles"))
        .in_protocol_order()
    )


def speaker_participations(forum):
    """The forum's public speakers in protocol order, with their people and sessions."""
    own_roles = (
        SessionRole.objects.filter(session__forum=forum)
        .select_related("session__room")
        .defer("session__description")
        .order_by("session__starts_at", "session__order", "session__pk", "pk")
    )
    return (
        public_speakers(forum)
        .select_related("person__organisation", "delegation")
        .defer(*(f"person__{name}" for name in PERSON_NOT_SHOWN if name != "bio"))
        .prefetch_related(Prefetch("person__session_roles", queryset=own_roles, to_attr="roles"))
        .in_protocol_order()
    )


@dataclass(frozen=True)
class ForumIndex:
    """What checking a forum page's parameters needs: its sessions and public speakers.

    Kept in the cache under the forum's version, so that a session or speaker number, a
    day, room or type in an address is checked without a query, and an unknown one is
    answered from the cache like any other page. Plain sets of numbers and short texts, as
    it is read on every such request.
    """

    session_ids: frozenset[int]
    days: frozenset[str]
    rooms: frozenset[str]
    kinds: frozenset[str]
    speakers: frozenset[int]


def forum_index(version: ForumVersion) -> ForumIndex:
    """The index of the forum at `version`, from the cache or built (2 queries)."""
    key = stored_key("forum-index", version.key)
    index = recall(key)
    if index is None:
        zone = ZoneInfo(version.time_zone)
        rows = list(
            Session.objects.filter(forum_id=version.pk).values_list(
                "pk", "starts_at", "room_id", "kind"
            )
        )
        speakers = public_speakers(version.pk).values_list("person_id", flat=True)
        index = ForumIndex(
            session_ids=frozenset(row[0] for row in rows),
            days=frozenset(row[1].astimezone(zone).date().isoformat() for row in rows),
            rooms=frozenset(str(row[2]) for row in rows if row[2]),
            kinds=frozenset(row[3] for row in rows),
            speakers=frozenset(speakers),
        )
        keep(key, index)
    return index


def forum_timings(version: ForumVersion) -> tuple[Timing, ...]:
    """When each of the forum's sessions runs, from the cache or read (1 query).

    Needed only while the forum runs, to mark what runs now and next.
    """
    key = stored_key("forum-timings", version.key)
    timings = recall(key)
    if timings is None:
        rows = Session.objects.filter(forum_id=version.pk).values_list("pk", "starts_at", "ends_at")
        timings = tuple(Timing(*row) for row in rows)
        keep(key, timings)
    return timings
