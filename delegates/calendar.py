"""A forum's programme as an iCalendar (RFC 5545) feed, in one language."""

import datetime as dt
from collections.abc import Callable

from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from events.models import Forum, Session

PRODUCT_ID = "-//Bangkok Metropolitan Administration//AMF programme//EN"


def session_uid(session: Session) -> str:
    """The session's UID, the same in every feed and language: calendars update, not duplicate."""
    return f"amf-session-{session.pk}@amf.programme"


def plain_text(html: str) -> str:
    """Rich text as plain paragraphs for a calendar's description."""
    text = strip_tags(html.replace("</p>", "</p>\n\n").replace("<br>", "\n"))
    return normalize_newlines(text).strip()


def people_lines(session: Session) -> list[str]:
    """One line per person named in the session: role, name, position and organisation."""
    lines = []
    for role in session.people:
        person = role.person
        details = ", ".join(str(part) for part in (person.position, person.organisation) if part)
        line = f"{role.get_role_display()}: {person.full_name}"
        lines.append(f"{line} ({details})" if details else line)
    return lines


def session_event(session: Session, *, forum: Forum, url: str, stamp: dt.datetime) -> Event:
    """One session as a VEVENT, its times in the forum's time zone."""
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", stamp)
    event.add("dtstart", session.starts_at.astimezone(forum.zone))
    event.add("dtend", session.ends_at.astimezone(forum.zone))
    event.add("summary", session.title)
    description = "\n\n".join(
        part for part in (plain_text(session.description), "\n".join(people_lines(session))) if part
    )
    if description:
        event.add("description", description)
    place = [str(session.room.name)] if session.room else []
    place.append(forum.venue.name_and_city)
    event.add("location", ", ".join(place))
    event.add("categories", [session.get_kind_display()])
    event.add("url", url)
    return event


def programme_calendar(
    *,
    forum: Forum,
    sessions: list[Session],
    url_for: Callable[[Session], str],
    name: str | None = None,
) -> bytes:
    """The sessions as an iCalendar file in the active language, with the forum's VTIMEZONE.

    DTSTAMP is the forum's last change, so an unchanged programme gives the same bytes.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name or _("Programme: %(forum)s") % {"forum": forum.title})
    calendar.add("x-wr-timezone", forum.time_zone)
    stamp = forum.updated_at.astimezone(dt.UTC)
    for session in sessions:
        calendar.add_component(
            session_event(session, forum=forum, url=url_for(session), stamp=stamp)
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()
