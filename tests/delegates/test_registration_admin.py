"""Registration settings in the admin: typed in the forum's own time, Buddhist Era in Thai."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from delegates.models import ForumRegistration
from tests.factories import ForumFactory, ForumRegistrationFactory

pytestmark = pytest.mark.django_db

ADD = "/{language}/admin/delegates/forumregistration/add/"


def data(forum, **overrides):
    return {
        "forum": forum.pk,
        "is_open": "on",
        "opens_at": "01/07/2569 09:00",
        "closes_at": "15/08/2569 17:30",
        "capacity": "300",
        "note_th": "เฉพาะผู้แทนเมืองสมาชิก",
        "note_en": "Member cities only",
        **overrides,
    }


def test_the_thai_admin_takes_buddhist_era_times_in_the_forums_own_time_zone(admin_client):
    forum = ForumFactory(time_zone="Asia/Manila")

    response = admin_client.post(ADD.format(language="th"), data(forum))

    assert response.status_code == 302, response.content.decode()[:3000]
    row = ForumRegistration.objects.get(forum=forum)
    manila = ZoneInfo("Asia/Manila")
    assert row.opens_at == dt.datetime(2026, 7, 1, 9, 0, tzinfo=manila)
    assert row.closes_at == dt.datetime(2026, 8, 15, 17, 30, tzinfo=manila)
    assert (row.capacity, row.note_th, row.note_en) == (
        300,
        "เฉพาะผู้แทนเมืองสมาชิก",
        "Member cities only",
    )

    page = admin_client.get(f"/th/admin/delegates/forumregistration/{row.pk}/change/")
    listing = admin_client.get("/th/admin/delegates/forumregistration/")
    html = page.content.decode()
    assert 'value="01/07/2569 09:00"' in html and 'value="15/08/2569 17:30"' in html
    assert "Asia/Manila" in listing.content.decode()
    assert "/forums/" in listing.content.decode()  # the public form's address


def test_closing_before_opening_is_refused_with_a_message(admin_client):
    forum = ForumFactory()

    response = admin_client.post(
        ADD.format(language="en"),
        data(forum, opens_at="2026-08-15 09:00", closes_at="2026-08-01 09:00"),
    )

    assert response.status_code == 200
    assert "Registration must close after it opens." in response.content.decode()
    assert not ForumRegistration.objects.exists()


def test_the_forums_page_links_to_its_registration_settings(admin_client):
    with_settings = ForumRegistrationFactory()
    without = ForumFactory()

    linked = admin_client.get(f"/en/admin/events/forum/{with_settings.forum.pk}/change/")
    to_add = admin_client.get(f"/en/admin/events/forum/{without.pk}/change/")

    assert (
        f"/admin/delegates/forumregistration/{with_settings.pk}/change/" in linked.content.decode()
    )
    assert f"/admin/delegates/forumregistration/add/?forum={without.pk}" in to_add.content.decode()
