"""Follow-up actions: progress notes, carrying over between editions, overdue, admin views, CSV."""

import csv
import datetime as dt
import io
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from reports.exports import follow_up_actions_csv
from reports.models import FollowUpAction
from reports.services import follow_up_action_carry_over, follow_up_progress_add
from tests.factories import (
    FollowUpActionFactory,
    ForumFactory,
    ForumSeriesFactory,
    OrganisationFactory,
    ProgressNoteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def admin_url(name, *args):
    with translation.override("en"):
        return reverse(f"admin:{name}", args=args)


@pytest.fixture
def editions():
    """The 4th, 5th and 6th ASEAN Mayors Forum."""
    series = ForumSeriesFactory()
    return [
        ForumFactory(series=series, edition=number, title_en=f"{number}th ASEAN Mayors Forum")
        for number in (4, 5, 6)
    ]


def test_a_progress_note_is_dated_and_can_complete_the_action():
    action = FollowUpActionFactory()
    user = UserFactory()

    note = follow_up_progress_add(
        action=action, text="ส่งหนังสือแล้ว", user=user, noted_on=dt.date(2019, 10, 17), status="done"
    )

    action.refresh_from_db()
    assert (note.noted_on, note.author, note.text) == (dt.date(2019, 10, 17), user, "ส่งหนังสือแล้ว")
    assert (action.status, action.completed_on) == ("done", dt.date(2019, 10, 17))


def test_an_empty_progress_note_is_refused():
    with pytest.raises(ValidationError):
        follow_up_progress_add(action=FollowUpActionFactory(), text="  ")


def test_an_action_carried_from_the_4th_to_the_5th_to_the_6th_forum_keeps_its_chain(editions):
    fourth, fifth, sixth = editions
    origin = FollowUpActionFactory(forum=fourth, title_en="Share smart-city plans")

    continued = follow_up_action_carry_over(action=origin, forum=fifth)
    latest = follow_up_action_carry_over(action=continued, forum=sixth)

    assert (latest.forum, latest.carried_over_from, continued.carried_over_from) == (
        sixth,
        continued,
        origin,
    )
    assert latest.title_en == "Share smart-city plans"
    assert list(FollowUpAction.objects.pending()) == [latest]
    assert origin.progress_notes.get().text == f"ยกไปดำเนินการต่อใน{fifth.title_th}"


@pytest.mark.parametrize("target", [0, 2])  # the same edition, or a forum of another series
def test_an_action_is_carried_over_only_to_a_later_edition_of_its_series(editions, target):
    action = FollowUpActionFactory(forum=editions[1])
    other_series = ForumFactory(series=ForumSeriesFactory(slug="other"), edition=9)
    forum = editions[0] if target == 0 else other_series

    with pytest.raises(ValidationError):
        follow_up_action_carry_over(action=action, forum=forum)


def test_an_action_is_carried_over_once(editions):
    action = FollowUpActionFactory(forum=editions[0])
    follow_up_action_carry_over(action=action, forum=editions[1])

    with pytest.raises(ValidationError, match="เรื่องนี้ยกไปดำเนินการต่อแล้ว"):
        follow_up_action_carry_over(action=action, forum=editions[2])


def test_due_soon_is_counted_in_bangkok_days_including_today_and_the_last_day():
    today = dt.date(2019, 10, 10)
    due_today = FollowUpActionFactory(due_on=today)
    due_in_a_week = FollowUpActionFactory(due_on=today + dt.timedelta(days=7))
    FollowUpActionFactory(due_on=today + dt.timedelta(days=8))
    FollowUpActionFactory(due_on=today - dt.timedelta(days=1))

    assert set(FollowUpAction.objects.due_soon(today=today)) == {due_today, due_in_a_week}


def test_just_after_midnight_in_bangkok_yesterdays_due_date_is_overdue_though_utc_is_a_day_behind():
    action = FollowUpActionFactory(due_on=dt.date(2019, 10, 15))
    # 17:30 UTC on 15 October is 00:30 on 16 October in Bangkok.
    after_midnight = dt.datetime(2019, 10, 15, 17, 30, tzinfo=dt.UTC)
    before_midnight = dt.datetime(2019, 10, 15, 16, 30, tzinfo=dt.UTC)

    with mock.patch("django.utils.timezone.now", return_value=before_midnight):
        before = list(
            FollowUpAction.objects.with_overdue_flag().values_list("is_overdue", flat=True)
        )
    with mock.patch("django.utils.timezone.now", return_value=after_midnight):
        after = list(
            FollowUpAction.objects.with_overdue_flag().values_list("is_overdue", flat=True)
        )
        overdue = list(FollowUpAction.objects.overdue())

    assert (before, after, overdue) == ([False], [True], [action])


def test_open_actions_by_owner_groups_pending_actions_and_marks_overdue_ones(admin_client):
    city_hall = OrganisationFactory(name_en="City Hall", name_th="ศาลาว่าการ")
    late = FollowUpActionFactory(owner=city_hall, due_on=dt.date(2000, 1, 1), title_en="Late")
    FollowUpActionFactory(owner=city_hall, due_on=dt.date(2999, 1, 1), title_en="Early")
    FollowUpActionFactory(owner=city_hall, status="dropped", title_en="Dropped")

    html = admin_client.get(admin_url("reports_followupaction_open_by_owner")).content.decode()

    assert "ศาลาว่าการ (2)" in html or "City Hall (2)" in html
    assert "Dropped" not in html
    row = html[html.index(late.title_en) - 300 : html.index(late.title_en)]
    assert "followup-row--overdue" in row
    assert html.count("followup-row--overdue") == 1


def test_the_carried_over_view_shows_the_chain_of_editions(admin_client, editions):
    fourth, fifth, sixth = editions
    origin = FollowUpActionFactory(forum=fourth, title_en="Share smart-city plans")
    latest = follow_up_action_carry_over(
        action=follow_up_action_carry_over(action=origin, forum=fifth), forum=sixth
    )

    html = admin_client.get(admin_url("reports_followupaction_carried_over")).content.decode()

    row = html[html.index(admin_url("reports_followupaction_change", latest.pk)) :]
    assert row.index("4th ASEAN") < row.index("5th ASEAN") < row.index("6th ASEAN")


def test_the_change_list_marks_overdue_due_dates(admin_client):
    FollowUpActionFactory(due_on=dt.date(2000, 1, 1))

    html = admin_client.get(admin_url("reports_followupaction_changelist")).content.decode()

    assert 'class="followup-overdue"' in html


def test_csv_export_of_actions_has_one_row_each_with_status_overdue_and_latest_progress(
    admin_client,
):
    late = FollowUpActionFactory(due_on=dt.date(2000, 1, 1), title_en="Late action")
    ProgressNoteFactory(action=late, noted_on=dt.date(2019, 10, 1), text="Called the unit")
    FollowUpActionFactory(due_on=dt.date(2999, 1, 1))

    response = admin_client.post(
        admin_url("reports_followupaction_changelist"),
        {
            "action": "export_csv",
            "_selected_action": list(FollowUpAction.objects.values_list("pk", flat=True)),
        },
    )

    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode().lstrip("\ufeff"))))
    assert response["Content-Type"].startswith("text/csv")
    assert len(rows) == 2
    assert rows[0]["Action"] == "Late action"
    assert rows[0]["Overdue"] == "Yes"
    assert rows[0]["Latest progress"] == "1 October 2019: Called the unit"
    assert rows[1]["Overdue"] == ""


def test_the_export_reads_a_fixed_number_of_queries_however_many_actions(
    django_assert_num_queries,
):
    for _ in range(3):
        ProgressNoteFactory()
    actions = FollowUpAction.objects.for_export()

    with django_assert_num_queries(2):
        follow_up_actions_csv(actions, language="th")


def test_a_progress_note_added_in_the_admin_records_its_author(
    admin_client, admin_user, admin_form_data
):
    action = FollowUpActionFactory()
    page = admin_url("reports_followupaction_change", action.pk)
    data = admin_form_data(admin_client.get(page))
    data.update(
        {"progress_notes-0-noted_on": "2019-10-01", "progress_notes-0-text": "โทรประสานแล้ว"}
    )

    response = admin_client.post(page, data)

    assert response.status_code == 302
    note = action.progress_notes.get()
    assert (note.author, note.text) == (admin_user, "โทรประสานแล้ว")


def test_a_progress_note_added_from_its_own_admin_page_records_its_author(admin_client, admin_user):
    action = FollowUpActionFactory()

    response = admin_client.post(
        admin_url("reports_progressnote_add"),
        {"action": action.pk, "noted_on": "2019-10-02", "text": "ติดตามทางโทรศัพท์"},
    )

    assert response.status_code == 302
    note = action.progress_notes.get()
    assert (note.author, note.noted_on) == (admin_user, dt.date(2019, 10, 2))
