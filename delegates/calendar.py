"""A forum's programme as an iCalendar (RFC 5545) feed, in one language.

The events are written here, line by line: building them through icalendar's components
(type guessing, parameter objects, folding one character at a time) cost over half a
millisecond a session, most of an uncached programme feed. The time zone, the one intricate
part, still comes from icalendar, once per zone. Every text goes through `text()`, so a
line break or other control character in a title, a room or a name can never start a line
of its own or end the feed early.
"""

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

from events.models import Forum, Session

PRODUCT_ID = "-//Bangkok Metropolitan Administration//AMF programme//EN"
CRLF = "\r\n"
LINE_OCTETS = 75
# Control characters other than line breaks have no place in iCalendar TEXT (§3.3.11).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def session_uid(session: Session) -> str:
    """The session's UID, the same in every feed and language: calendars update, not duplicate."""
    return f"amf-session-{session.pk}@amf.programme"


def plain_text(html: str) -> str:
    """Rich text as plain paragraphs for a calendar's description."""
    text = strip_tags(html.replace("</p>", "</p>\n\n").replace("<br>", "\n"))
    return normalize_newlines(text).strip()


def text(value) -> str:
    """A TEXT value escaped as RFC 5545 §3.3.11 says; any line break becomes `\\n`."""
    value = (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )
    return CONTROL.sub("", value)


def content_line(name: str, value: str) -> str:
    """One content line, folded at 75 octets (§3.1) between characters and escapes."""
    line = f"{name}:{value}"
    if len(line) <= LINE_OCTETS // 4 or len(line.encode()) <= LINE_OCTETS:
        return line + CRLF
    parts, current, size = [], [], 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            part = "".join(current)
            # Keep an escape's backslash with the character it escapes: an odd run of
            # backslashes at the end means the last one opens an escape.
            carried = "\\" if (len(part) - len(part.rstrip("\\"))) % 2 else ""
            parts.append(part[: len(part) - len(carried)])
            current, size, limit = [carried] if carried else [], len(carried), LINE_OCTETS - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts) + CRLF


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def people_lines(session: Session) -> list[str]:
    """One line per person named in the session: role, name, position and organisation.

    Reads what `delegates.listing.label_sessions` set on the session's roles.
    """
    lines = []
    for role in session.people:
        line = f"{role.role_label}: {role.person_name}"
        lines.append(f"{line} ({role.person_details})" if role.person_details else line)
    return lines


def session_event(session: Session, *, forum: Forum, url: str, stamp: str, venue: str) -> str:
    """One session as a VEVENT, its times in the forum's time zone.

    Reads what `delegates.listing.label_sessions` set on the session.
    """
    zone = forum.time_zone
    local = "%Y%m%dT%H%M%S"
    description = "\n\n".join(
        part for part in (plain_text(session.description), "\n".join(people_lines(session))) if part
    )
    place = [session.room_name] if session.room_name else []
    place.append(venue)
    lines = [
        "BEGIN:VEVENT" + CRLF,
        content_line("SUMMARY", text(session.title)),
        content_line(f"DTSTART;TZID={zone}", session.start_local.strftime(local)),
        content_line(f"DTEND;TZID={zone}", session.end_local.strftime(local)),
        content_line("DTSTAMP", stamp),
        content_line("UID", session_uid(session)),
        content_line("CATEGORIES", text(session.kind_label)),
    ]
    if description:
        lines.append(content_line("DESCRIPTION", text(description)))
    lines += [
        content_line("LOCATION", text(", ".join(place))),
        content_line("URL", text(url)),
        "END:VEVENT" + CRLF,
    ]
    return "".join(lines)


@lru_cache(maxsize=16)
def time_zone_component(name: str) -> str:
    """The VTIMEZONE of the IANA zone `name`, from icalendar (imported only here)."""
    from zoneinfo import ZoneInfo

    from icalendar import Timezone

    return Timezone.from_tzinfo(ZoneInfo(name)).to_ical().decode()


def programme_calendar(
    *,
    forum: Forum,
    sessions: list[Session],
    url_for: Callable[[Session], str],
    name: str | None = None,
) -> bytes:
    """The sessions as an iCalendar file in the active language, with the forum's VTIMEZONE.

    The sessions carry the labels `delegates.listing.label_sessions` sets. DTSTAMP is the
    forum's last change, so an unchanged programme gives the same bytes.
    """
    stamp = utc_stamp(forum.updated_at)
    venue = forum.venue.name_and_city
    head = [
        "BEGIN:VCALENDAR" + CRLF,
        content_line("VERSION", "2.0"),
        content_line("PRODID", PRODUCT_ID),
        content_line("CALSCALE", "GREGORIAN"),
        content_line("METHOD", "PUBLISH"),
        content_line(
            "X-WR-CALNAME", text(name or _("Programme: %(forum)s") % {"forum": forum.title})
        ),
        content_line("X-WR-TIMEZONE", text(forum.time_zone)),
        time_zone_component(forum.time_zone),
    ]
    events = [
        session_event(session, forum=forum, url=url_for(session), stamp=stamp, venue=venue)
        for session in sessions
    ]
    return "".join([*head, *events, "END:VCALENDAR" + CRLF]).encode()
