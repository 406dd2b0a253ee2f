"""An app server process answers a request it has answered before from its own memory, and
forgets at once when something the pages show changes, or when time changes what runs now."""

import datetime as dt
import gzip
import time
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from events import pages
from events.pages import answers
from events.services import object_save
from tests.factories import ForumFactory, ForumRegistrationFactory, SessionFactory

BROWSER = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
BANGKOK = ZoneInfo("Asia/Bangkok")

PAGES = [
    "/en/",
    "/en/forums/amf-2019/",
    "/en/forums/amf-2019/programme/",
    "/en/forums/amf-2019/programme/?day=2019-08-26&utm=1",
    "/en/forums/amf-2019/speakers/",
    "/forums/amf-2019/programme.ics?lang=en",
    "/forums/amf-2019/programme.json?lang=en",
    "/en/reports/",
]


@pytest.fixture
def forum(listening):
    forum = ForumFactory(slug="amf-2019")
    forum.session = SessionFactory(forum=forum, title_en="Opening plenary")
    answers.clear()
    return forum


def text(response) -> str:
    content = response.getvalue()
    if response.get("Content-Encoding") == "gzip":
        content = gzip.decompress(content)
    return content.decode()


def test_a_request_answered_before_asks_the_database_nothing(forum, django_assert_num_queries):
    # One test for every page: each test on committed data costs seconds to set up.
    client = Client()
    for path in PAGES:
        first = client.get(path, **BROWSER)

        with django_assert_num_queries(0):
            again = client.get(path, **BROWSER)

        assert again.status_code == first.status_code == 200, path
        assert again.getvalue() == first.getvalue(), path


def test_an_unknown_parameter_with_new_values_is_still_the_same_remembered_page(
    forum, django_assert_num_queries
):
    client = Client()
    client.get("/en/forums/amf-2019/programme/?utm=1", **BROWSER)

    with django_assert_num_queries(0):
        response = client.get("/en/forums/amf-2019/programme/?utm=2", **BROWSER)

    assert "Opening plenary" in text(response)


def test_a_change_is_answered_at_once_however_often_the_page_was_asked_for(forum):
    client = Client()
    for _ in range(3):
        client.get("/en/forums/amf-2019/programme/", **BROWSER)

    forum.session.title_en = "Renamed plenary"
    object_save(obj=forum.session)

    assert "Renamed plenary" in text(client.get("/en/forums/amf-2019/programme/", **BROWSER))


def test_a_browser_without_gzip_gets_the_remembered_page_plain(forum):
    client = Client()
    client.get("/en/forums/amf-2019/programme/", **BROWSER)

    plain = client.get("/en/forums/amf-2019/programme/")

    assert plain.get("Content-Encoding") is None
    assert "Opening plenary" in plain.getvalue().decode()


class Clock:
    """Stands in for both clocks the pages read: the wall clock and the monotonic one."""

    def __init__(self, at: dt.datetime):
        self.at = at
        self.start = time.monotonic()

    def now(self) -> dt.datetime:
        return self.at

    def monotonic(self) -> float:
        return self.start + (self.at - dt.datetime(2019, 8, 26, tzinfo=BANGKOK)).total_seconds()


def test_during_the_forum_a_remembered_page_changes_when_the_next_session_starts(
    forum, monkeypatch
):
    # The session runs 09:00–10:00 in Bangkok on the first day.
    clock = Clock(dt.datetime(2019, 8, 26, 8, 59, 40, tzinfo=BANGKOK))
    monkeypatch.setattr(timezone, "now", clock.now)
    monkeypatch.setattr(pages, "_monotonic", clock.monotonic)
    client = Client()

    before = text(client.get("/en/forums/amf-2019/programme/", **BROWSER))
    clock.at += dt.timedelta(seconds=30)
    after = text(client.get("/en/forums/amf-2019/programme/", **BROWSER))

    assert "badge--next" in before and "badge--now" not in before
    assert "badge--now" in after


def test_a_remembered_forum_page_offers_registration_from_the_moment_it_opens(forum, monkeypatch):
    opens_at = dt.datetime(2019, 7, 1, 9, 0, tzinfo=BANGKOK)
    ForumRegistrationFactory(
        forum=forum, opens_at=opens_at, closes_at=opens_at + dt.timedelta(days=30)
    )
    clock = Clock(opens_at - dt.timedelta(seconds=20))
    monkeypatch.setattr(timezone, "now", clock.now)
    monkeypatch.setattr(pages, "_monotonic", clock.monotonic)
    client = Client()

    before = text(client.get("/en/forums/amf-2019/", **BROWSER))
    clock.at += dt.timedelta(seconds=30)
    after = text(client.get("/en/forums/amf-2019/", **BROWSER))

    assert "/en/forums/amf-2019/register/" not in before
    assert "/en/forums/amf-2019/register/" in after
