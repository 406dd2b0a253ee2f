"""The Thai admin counts years in the Buddhist Era, shown and typed; the English admin and
everything outside the admin keep theirs."""

import datetime as dt
import html
import re

import pytest
from django import forms
from django.urls import reverse
from django.utils import formats, timezone, translation

from amf.buddhist_era import admin_dates
from events.models import OutcomeDocument
from reports.services import bulletin_submit
from tests import factories


def text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def document(db):
    # Two years, so that the date drill-down starts from the years.
    factories.OutcomeDocumentFactory(adopted_on=dt.date(2020, 11, 30))
    return factories.OutcomeDocumentFactory(adopted_on=dt.date(2019, 8, 28))


def test_lists_and_date_drill_downs_show_buddhist_era_years_in_thai_only(admin_client, document):
    url = reverse("admin:events_outcomedocument_changelist")

    thai = admin_client.get(f"/th{url[3:]}")
    english = admin_client.get(f"/en{url[3:]}")
    thai_year = admin_client.get(f"/th{url[3:]}?adopted_on__year=2019")
    thai_month = admin_client.get(f"/th{url[3:]}?adopted_on__year=2019&adopted_on__month=8")

    assert "28 สิงหาคม 2562" in text(thai)
    assert "Aug. 28, 2019" in text(english)
    # The drill-down: years, then the months of one year, and the way back.
    assert re.search(r'<a href="\?adopted_on__year=2019">2562</a>', thai.content.decode())
    assert re.search(r'<a href="\?adopted_on__year=2019">2019</a>', english.content.decode())
    assert "สิงหาคม 2562" in text(thai_year)
    assert "‹ 2562" in text(thai_month)


def test_change_pages_show_read_only_dates_and_date_inputs_in_buddhist_era(admin_client, db):
    forum = factories.ForumFactory()
    bulletin = factories.BulletinFactory(forum=forum)
    bulletin_submit(bulletin=bulletin, user=factories.SuperuserFactory())
    now = timezone.localtime()

    forum_page = admin_client.get(f"/th/admin/events/forum/{forum.pk}/change/")
    bulletin_page = admin_client.get(f"/th/admin/reports/bulletin/{bulletin.pk}/change/")
    english_forum_page = admin_client.get(f"/en/admin/events/forum/{forum.pk}/change/")

    assert 'name="start_date" value="26/08/2562"' in forum_page.content.decode()
    assert 'name="start_date" value="2019-08-26"' in english_forum_page.content.decode()
    # The bulletin's workflow: submitted just now, in this year of the Buddhist Era.
    submitted = re.search(
        r"เสนอเมื่อ:</label>\s*<div class=\"readonly\">([^<]+)<", bulletin_page.content.decode()
    )
    assert submitted, "the submission date is shown"
    assert submitted[1].strip().startswith(f"{now.day} ")
    assert str(now.year + 543) in submitted[1]


def test_history_pages_date_each_version_in_buddhist_era(admin_client, db):
    forum = factories.ForumFactory()
    url = reverse("admin:events_forum_history", args=[forum.pk])

    history = text(admin_client.get(f"/th{url[3:]}"))

    assert str(timezone.localdate().year + 543) in history
    assert f"{timezone.localdate().year} " not in history


@pytest.mark.parametrize(
    "typed", ["28/08/2562", "28/08/2019", "28/8/62", "28 สิงหาคม 2562", "28 ส.ค. 2562"]
)
def test_thai_date_inputs_accept_buddhist_era_and_unambiguous_common_era_dates(
    admin_client, db, typed
):
    forum = factories.ForumFactory()

    response = admin_client.post(
        "/th/admin/events/outcomedocument/add/",
        {
            "forum": forum.pk,
            "kind": OutcomeDocument.Kind.JOINT_STATEMENT,
            "title_th": "ปฏิญญากรุงเทพฯ",
            "title_en": "Bangkok Declaration",
            "adopted_on": typed,
            "url": "",
            "summary_th": "",
            "summary_en": "",
        },
    )

    assert response.status_code == 302, text(response)[:2000]
    assert OutcomeDocument.objects.get().adopted_on == dt.date(2019, 8, 28)


def test_date_times_of_the_programme_are_typed_in_buddhist_era_too(db):
    with translation.override("th"), admin_dates():
        field = forms.SplitDateTimeField()
        assert field.clean(["26/08/2562", "09:30"]) == timezone.make_aware(
            dt.datetime(2019, 8, 26, 9, 30)
        )


def test_outside_the_admin_and_in_english_django_keeps_the_common_era(db):
    day = dt.date(2019, 8, 26)
    with translation.override("th"):
        assert formats.localize(day) == "26 สิงหาคม 2019"
        assert forms.DateField().clean("26/08/2019") == day
    with translation.override("en"), admin_dates():
        assert formats.localize(day) == "Aug. 26, 2019"
        assert forms.DateField().clean("2562-08-26") == dt.date(2562, 8, 26)


def test_the_programme_on_the_forums_page_is_typed_in_buddhist_era_in_thai(
    admin_client, db, admin_form_data
):
    session = factories.SessionFactory()
    page = f"/th/admin/events/forum/{session.forum.pk}/change/"

    thai = admin_client.get(page)
    english = admin_client.get(page.replace("/th/", "/en/"))
    data = admin_form_data(thai)
    data["sessions-0-starts_at"] = "26/08/2562 09:30"
    saved = admin_client.post(page, data)

    assert 'name="sessions-0-starts_at" value="26/08/2562 09:00"' in thai.content.decode()
    assert 'name="sessions-0-starts_at" value="2019-08-26 09:00"' in english.content.decode()
    assert saved.status_code == 302, text(saved)[:2000]
    session.refresh_from_db()
    assert timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M") == "2019-08-26 09:30"
