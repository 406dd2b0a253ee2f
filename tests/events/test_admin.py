"""The forum, programme and venue pages of the staff admin."""

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import BANGKOK, ForumFactory, RoomFactory, SessionFactory, VenueFactory

pytestmark = pytest.mark.django_db


def forum_page(forum, language="th"):
    with translation.override(language):
        return reverse("admin:events_forum_change", args=[forum.pk])


def test_forum_page_lists_its_sessions_with_a_link_to_each_sessions_own_page(admin_client):
    session = SessionFactory()

    html = admin_client.get(forum_page(session.forum)).content.decode()

    assert 'name="sessions-TOTAL_FORMS"' in html
    assert 'name="sessions-0-title_th"' in html
    with translation.override("th"):
        assert reverse("admin:events_session_change", args=[session.pk]) in html


@pytest.mark.parametrize("prefix", ["priorities", "outcome_documents", "related_events"])
def test_forum_page_edits_the_forums_context_inline(admin_client, prefix):
    forum = ForumFactory()

    html = admin_client.get(forum_page(forum)).content.decode()

    assert f'name="{prefix}-TOTAL_FORMS"' in html


def test_forum_page_costs_no_query_per_session(admin_client):
    forum = ForumFactory()
    room = RoomFactory(venue=forum.venue)
    SessionFactory.create_batch(2, forum=forum, room=room)
    url = forum_page(forum)
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    SessionFactory.create_batch(10, forum=forum, room=RoomFactory(venue=forum.venue))

    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(url)

    assert len(response.context["inline_admin_formsets"][0].formset.forms) == 12
    assert len(many.captured_queries) == len(few.captured_queries)


def test_session_inline_offers_rooms_named_with_their_venue(admin_client):
    venue = VenueFactory(name_th="ศูนย์ประชุมสหประชาชาติ")
    room = RoomFactory(venue=venue, name_th="ห้องประชุม 1")
    session = SessionFactory(forum=ForumFactory(venue=venue), room=room)

    html = admin_client.get(forum_page(session.forum)).content.decode()

    assert f'<option value="{room.pk}" selected>ศูนย์ประชุมสหประชาชาติ: ห้องประชุม 1</option>' in html


@pytest.mark.parametrize("term", ["นายกเทศมนตรี", "Mayors Forum"])
def test_forum_list_finds_forums_by_thai_or_english_title(admin_client, term):
    forum = ForumFactory(title_th="การประชุมนายกเทศมนตรีอาเซียน", title_en="ASEAN Mayors Forum")
    ForumFactory(title_th="การประชุมเมืองน่าอยู่", title_en="Liveable Cities Summit")

    response = admin_client.get(reverse("admin:events_forum_changelist"), {"q": term})

    assert list(response.context["cl"].result_list) == [forum]


def test_forum_list_shows_each_forums_number_of_sessions(admin_client):
    forum = ForumFactory()
    SessionFactory.create_batch(3, forum=forum)

    response = admin_client.get(reverse("admin:events_forum_changelist"))

    assert response.context["cl"].result_list[0].session_count == 3


def test_session_added_on_the_forum_page_takes_bangkok_time(admin_client, admin_form_data):
    forum = ForumFactory()
    room = RoomFactory(venue=forum.venue)
    page = forum_page(forum)
    data = admin_form_data(admin_client.get(page))
    data.update(
        {
            "sessions-TOTAL_FORMS": 1,
            "sessions-0-starts_at": "2019-08-26T09:30",
            "sessions-0-ends_at": "2019-08-26T10:30",
            "sessions-0-title_th": "พิธีเปิด",
            "sessions-0-kind": "ceremony",
            "sessions-0-room": room.pk,
        }
    )

    response = admin_client.post(page, data)

    assert response.status_code == 302
    session = forum.sessions.get()
    assert session.starts_at == dt.datetime(2019, 8, 26, 9, 30, tzinfo=BANGKOK)
    assert session.room == room


def test_sessions_of_a_forum_abroad_are_shown_and_typed_in_the_forums_own_time(
    admin_client, admin_form_data
):
    manila = zoneinfo.ZoneInfo("Asia/Manila")
    forum = ForumFactory(time_zone="Asia/Manila")
    session = SessionFactory(
        forum=forum,
        starts_at=dt.datetime(2019, 8, 26, 9, 0, tzinfo=manila),
        ends_at=dt.datetime(2019, 8, 26, 10, 0, tzinfo=manila),
    )
    page = forum_page(forum)

    response = admin_client.get(page)
    data = admin_form_data(response)
    # Typed as the Thai admin writes dates (amf/buddhist_era.py).
    data["sessions-0-starts_at"] = "26/08/2562 08:30"
    saved = admin_client.post(page, data)

    assert 'value="26/08/2562 09:00"' in response.content.decode()
    assert saved.status_code == 302
    session.refresh_from_db()
    assert session.starts_at == dt.datetime(2019, 8, 26, 8, 30, tzinfo=manila)


def test_a_session_page_shows_its_times_in_the_forums_time_zone(admin_client):
    forum = ForumFactory(time_zone="Asia/Manila")
    session = SessionFactory(forum=forum, starts_at=dt.datetime(2019, 8, 26, 1, 0, tzinfo=dt.UTC))
    with translation.override("en"):
        url = reverse("admin:events_session_change", args=[session.pk])

    html = admin_client.get(url).content.decode()

    # 01:00 UTC is 09:00 in Manila (and 08:00 in Bangkok, the site's zone).
    assert 'value="09:00:00"' in html
