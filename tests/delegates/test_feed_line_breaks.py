"""A line break or control character in any text never breaks a feed, a header or a file."""

import json
import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from amf.downloads import file_download
from tests.factories import (
    ForumFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = "Opening\r\nBEGIN:VEVENT\rUID:forged\nEND:VCALENDAR\x0b\x1b;,\\"
# What each property may start a physical line with; a folded line starts with a space.
PROPERTY = re.compile(r"^(?: |[A-Z-]+[;:])")


@pytest.fixture
def hostile_forum():
    forum = ForumFactory(title_en=f"Forum {HOSTILE}", slug="hostile")
    room = RoomFactory(venue=forum.venue, name_en=f"Room {HOSTILE}")
    session = SessionFactory(
        forum=forum,
        room=room,
        title_en=f"Session {HOSTILE}",
        description_en=f"<p>About {HOSTILE}</p>",
    )
    person = PersonFactory(
        first_name_en=f"Name {HOSTILE}",
        position_en=f"Position {HOSTILE}",
        organisation=OrganisationFactory(name_en=f"Org {HOSTILE}"),
    )
    ParticipationFactory(forum=forum, person=person)
    SessionRoleFactory(session=session, person=person)
    forum.session = session
    return forum


def assert_unbroken(body: bytes) -> Calendar:
    text = body.decode()
    assert text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")[:-1]
    assert all("\r" not in line and "\n" not in line for line in lines)
    assert all(PROPERTY.match(line) for line in lines), [
        line for line in lines if not PROPERTY.match(line)
    ]
    assert all(len(line.encode()) <= 75 for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1
    return Calendar.from_ical(body)


@pytest.mark.parametrize("feed", ["programme_ics", "selection", "session_ics"])
def test_a_hostile_title_room_or_name_stays_inside_its_calendar_property(
    client, hostile_forum, feed
):
    session = hostile_forum.session
    if feed == "session_ics":
        url = reverse("feeds:session_ics", kwargs={"slug": "hostile", "pk": session.pk})
        query = {"lang": "en"}
    else:
        url = reverse("feeds:programme_ics", kwargs={"slug": "hostile"})
        query = {"lang": "en", **({"sessions": str(session.pk)} if feed == "selection" else {})}

    calendar = assert_unbroken(client.get(url, query).getvalue())

    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"amf-session-{session.pk}@amf.programme"
    assert str(event["SUMMARY"]) == "Session Opening\nBEGIN:VEVENT\nUID:forged\nEND:VCALENDAR;,\\"
    assert "Room Opening\nBEGIN:VEVENT" in str(event["LOCATION"])
    assert "Name Opening\nBEGIN:VEVENT" in str(event["DESCRIPTION"])
    # The calendar's name holds the whole title, its line breaks escaped.
    assert "Opening\\nBEGIN:VEVENT\\rUID" not in str(calendar["X-WR-CALNAME"])
    assert "Opening\\nBEGIN:VEVENT\\nUID:forged" in str(calendar["X-WR-CALNAME"])


def test_a_hostile_title_is_plain_data_in_the_json_feed(client, hostile_forum):
    url = reverse("feeds:programme_json", kwargs={"slug": "hostile"})

    body = client.get(url, {"lang": "en"}).content
    data = json.loads(body)

    assert b"\r" not in body and b"\n" not in body
    assert data["sessions"][0]["title"] == f"Session {HOSTILE}"
    assert data["forum"]["title"] == f"Forum {HOSTILE}"


def test_a_file_name_with_line_breaks_cannot_split_the_download_header():
    response = file_download(
        b"x", filename="programme\r\nSet-Cookie: forged=1\n.csv", content_type="text/csv"
    )

    header = response["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    assert "programmeSet-Cookie: forged=1.csv" in header
