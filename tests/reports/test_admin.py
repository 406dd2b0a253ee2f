"""Bulletins and follow-up actions in the staff admin."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from reports.models import Bulletin, FollowUpAction
from tests.factories import (
    BulletinFactory,
    FollowUpActionFactory,
    ForumFactory,
    OrganisationFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"admin:{name}", args=args)


def test_bulletin_page_shows_the_forums_venue_and_dates_without_asking_for_them(admin_client):
    venue = VenueFactory(name_en="United Nations Conference Centre", city_en="Bangkok")
    forum = ForumFactory(
        venue=venue, start_date=dt.date(2019, 8, 26), end_date=dt.date(2019, 8, 28)
    )
    bulletin = BulletinFactory(forum=forum)

    html = admin_client.get(url("reports_bulletin_change", bulletin.pk)).content.decode()

    assert "United Nations Conference Centre, Bangkok" in html
    assert "26 – 28 August 2019" in html
    assert not re.search(r'name="(venue|start_date|end_date)', html)


def test_bulletin_page_follows_the_sections_of_the_bulletin(admin_client):
    bulletin = BulletinFactory()

    html = admin_client.get(url("reports_bulletin_change", bulletin.pk)).content.decode()

    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    sections = [
        "1. Meeting name and topic",
        "2–3. Venue and dates",
        "4. Summary",
        "5. Continued operations",
        "Recipient",
        "6. Reporter",
        "Status",
    ]
    assert [heading for heading in headings if heading in sections] == sections


def test_bulletin_status_and_workflow_dates_cannot_be_typed_in(admin_client):
    bulletin = BulletinFactory()

    html = admin_client.get(url("reports_bulletin_change", bulletin.pk)).content.decode()

    assert 'name="title_th"' in html
    assert not re.search(r'name="(status|submitted_at|acknowledged_at|published_at)', html)


def test_posting_a_status_does_not_move_the_bulletin_along_its_workflow(
    admin_client, admin_form_data
):
    bulletin = BulletinFactory()
    page = url("reports_bulletin_change", bulletin.pk)
    data = admin_form_data(admin_client.get(page))
    data.update(status=Bulletin.Status.PUBLISHED, published_at="2019-09-01 10:00")

    response = admin_client.post(page, data)

    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.DRAFT
    assert bulletin.published_at is None


def test_follow_up_action_added_on_a_bulletin_page_is_filed_under_the_bulletins_forum(
    admin_client, admin_form_data
):
    bulletin = BulletinFactory()
    owner = OrganisationFactory()
    page = url("reports_bulletin_change", bulletin.pk)
    data = admin_form_data(admin_client.get(page))
    data.update(
        {
            "follow_up_actions-TOTAL_FORMS": 1,
            "follow_up_actions-0-title_th": "ส่งรายงานผลการประชุม",
            "follow_up_actions-0-owner": owner.pk,
            "follow_up_actions-0-status": FollowUpAction.Status.OPEN,
        }
    )

    response = admin_client.post(page, data)

    assert response.status_code == 302
    action = FollowUpAction.objects.get()
    assert (action.bulletin, action.forum, action.owner) == (bulletin, bulletin.forum, owner)


def test_follow_up_list_filters_overdue_actions(admin_client):
    today = timezone.localdate()
    overdue = FollowUpActionFactory(due_on=today - dt.timedelta(days=1))
    FollowUpActionFactory(due_on=today + dt.timedelta(days=1))
    FollowUpActionFactory(
        due_on=today - dt.timedelta(days=1),
        status=FollowUpAction.Status.DONE,
        completed_on=today,
    )

    response = admin_client.get(url("reports_followupaction_changelist"), {"overdue": "yes"})

    assert list(response.context["cl"].result_list) == [overdue]


@pytest.mark.parametrize("term", ["สรุปเนื้อหา", "Summary of the"])
def test_bulletin_list_finds_bulletins_by_thai_or_english_title(admin_client, term):
    bulletin = BulletinFactory()
    BulletinFactory(title_th="รายงานอื่น", title_en="Another report")

    response = admin_client.get(url("reports_bulletin_changelist"), {"q": term})

    assert list(response.context["cl"].result_list) == [bulletin]


def test_thai_bulletin_page_shows_venue_and_buddhist_era_dates_as_the_bulletin_writes_them(
    admin_client,
):
    venue = VenueFactory(name_th="ศูนย์ประชุมสหประชาชาติ", city_th="กรุงเทพมหานคร")
    forum = ForumFactory(
        venue=venue, start_date=dt.date(2019, 8, 26), end_date=dt.date(2019, 8, 28)
    )
    bulletin = BulletinFactory(forum=forum)

    html = admin_client.get(url("reports_bulletin_change", bulletin.pk, language="th")).content
    html = html.decode()

    assert "ศูนย์ประชุมสหประชาชาติ กรุงเทพมหานคร" in html
    assert "26 – 28 สิงหาคม 2562" in html
