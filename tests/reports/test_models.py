import datetime as dt
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from reports.models import Bulletin, FollowUpAction
from tests.factories import (
    BulletinFactory,
    FollowUpActionFactory,
    ForumFactory,
    MissionGroupFactory,
    PersonFactory,
)
from tests.helpers import validation_messages

pytestmark = pytest.mark.django_db


SUBMITTED = dt.datetime(2019, 9, 2, 10, 0, tzinfo=dt.UTC)
ACKNOWLEDGED = dt.datetime(2019, 9, 3, 10, 0, tzinfo=dt.UTC)
PUBLISHED = dt.datetime(2019, 9, 4, 10, 0, tzinfo=dt.UTC)


# Follow-up actions


def test_a_done_action_needs_its_completion_date_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUpActionFactory(status=FollowUpAction.Status.DONE, completed_on=None)


def test_a_done_action_without_completion_date_fails_validation_with_a_clear_message():
    action = FollowUpActionFactory.build(
        forum=ForumFactory(), owner=PersonFactory().organisation, status="done"
    )

    assert "A completed action needs its completion date." in validation_messages(action)


def test_a_done_action_with_its_completion_date_is_accepted():
    action = FollowUpActionFactory(status="done", completed_on=dt.date(2019, 10, 1))

    action.full_clean()
    assert FollowUpAction.objects.filter(pk=action.pk).exists()


def test_pending_actions_are_the_open_and_in_progress_ones():
    open_action = FollowUpActionFactory(status="open")
    started = FollowUpActionFactory(status="in_progress")
    FollowUpActionFactory(status="done", completed_on=dt.date(2019, 10, 1))
    FollowUpActionFactory(status="dropped")

    assert set(FollowUpAction.objects.pending()) == {open_action, started}


def test_overdue_actions_are_pending_ones_due_before_today():
    today = dt.date(2019, 10, 16)
    late = FollowUpActionFactory(due_on=dt.date(2019, 10, 15))
    FollowUpActionFactory(due_on=dt.date(2019, 10, 16))
    FollowUpActionFactory(due_on=None)
    FollowUpActionFactory(
        due_on=dt.date(2019, 10, 1), status="done", completed_on=dt.date(2019, 10, 2)
    )
    FollowUpActionFactory(due_on=dt.date(2019, 10, 1), status="dropped")

    assert list(FollowUpAction.objects.overdue(today=today)) == [late]


def test_overdue_judges_today_by_the_bangkok_calendar_day():
    # 18:00 UTC on 15 October is already 01:00 on 16 October in Bangkok.
    action = FollowUpActionFactory(due_on=dt.date(2019, 10, 15))

    with mock.patch(
        "django.utils.timezone.now", return_value=dt.datetime(2019, 10, 15, 18, 0, tzinfo=dt.UTC)
    ):
        assert list(FollowUpAction.objects.overdue()) == [action]


def test_an_action_due_today_is_not_overdue_late_in_the_bangkok_evening():
    # 16:00 UTC on 15 October is 23:00 the same day in Bangkok.
    FollowUpActionFactory(due_on=dt.date(2019, 10, 15))

    with mock.patch(
        "django.utils.timezone.now", return_value=dt.datetime(2019, 10, 15, 16, 0, tzinfo=dt.UTC)
    ):
        assert not FollowUpAction.objects.overdue().exists()


# Bulletin workflow


@pytest.mark.parametrize(
    ("status", "dates"),
    [
        ("submitted", {}),
        ("acknowledged", {"submitted_at": SUBMITTED}),
        ("acknowledged", {"acknowledged_at": ACKNOWLEDGED}),
        ("published", {"submitted_at": SUBMITTED, "acknowledged_at": ACKNOWLEDGED}),
        ("published", {"published_at": PUBLISHED}),
        ("published", {"submitted_at": SUBMITTED, "published_at": PUBLISHED}),
    ],
)
def test_a_bulletin_status_without_the_dates_of_its_steps_is_rejected(status, dates):
    with pytest.raises(IntegrityError), transaction.atomic():
        BulletinFactory(status=status, **dates)


def test_a_bulletin_published_without_its_date_fails_validation():
    bulletin = BulletinFactory()
    bulletin.status = Bulletin.Status.PUBLISHED
    bulletin.submitted_at = SUBMITTED
    bulletin.acknowledged_at = ACKNOWLEDGED

    messages = validation_messages(bulletin)

    assert "A published bulletin needs its publication date." in messages


@pytest.mark.parametrize(
    ("status", "dates"),
    [
        ("draft", {}),
        ("submitted", {"submitted_at": SUBMITTED}),
        ("acknowledged", {"submitted_at": SUBMITTED, "acknowledged_at": ACKNOWLEDGED}),
        (
            "published",
            {"submitted_at": SUBMITTED, "acknowledged_at": ACKNOWLEDGED, "published_at": PUBLISHED},
        ),
    ],
)
def test_a_bulletin_with_the_dates_of_each_step_is_accepted(status, dates):
    bulletin = BulletinFactory(status=status, **dates)

    bulletin.full_clean()
    assert Bulletin.objects.get(pk=bulletin.pk).status == status


def test_published_bulletins_leave_out_those_still_in_the_workflow():
    published = BulletinFactory(
        status="published",
        submitted_at=SUBMITTED,
        acknowledged_at=ACKNOWLEDGED,
        published_at=PUBLISHED,
    )
    BulletinFactory(status="draft")
    BulletinFactory(status="acknowledged", submitted_at=SUBMITTED, acknowledged_at=ACKNOWLEDGED)

    assert list(Bulletin.objects.published()) == [published]


# Rich text in bulletins


def test_a_bulletin_summary_saved_with_a_script_is_stored_clean():
    bulletin = BulletinFactory()
    bulletin.summary_th = "<p>สรุป</p><script>alert(1)</script>"

    bulletin.save()

    assert Bulletin.objects.get(pk=bulletin.pk).summary_th == "<p>สรุป</p>"
    assert bulletin.summary_th == "<p>สรุป</p>"


def test_a_bulletin_created_with_a_script_is_stored_clean():
    template = BulletinFactory()
    bulletin = Bulletin.objects.create(
        forum=template.forum,
        mission_group=MissionGroupFactory(),
        reporter=template.reporter,
        title_th="สรุป",
        meeting_name_th="การประชุม",
        summary_th='<p onclick="steal()">สรุป</p><script>alert(1)</script>',
        summary_en='<p>Summary <a href="javascript:alert(1)">here</a></p>',
        recipient_th="ผู้ว่าราชการกรุงเทพมหานคร",
        reporter_position_th="นักวิเทศสัมพันธ์",
        reporter_office_th="สำนักงานการต่างประเทศ",
    )

    stored = Bulletin.objects.get(pk=bulletin.pk)
    assert stored.summary_th == "<p>สรุป</p>"
    assert stored.summary_en == '<p>Summary <a rel="noopener noreferrer">here</a></p>'


def test_saving_a_bulletin_in_english_leaves_a_missing_english_summary_empty():
    # The English summary falls back to the Thai one for reading; saving must not copy it over.
    bulletin = BulletinFactory(summary_en="")

    with translation.override("en"):
        bulletin = Bulletin.objects.get(pk=bulletin.pk)
        bulletin.title_en = "Summary of the 5th ASEAN Mayors Forum"
        bulletin.save()

    stored = Bulletin.objects.get(pk=bulletin.pk)
    assert stored.summary_en in ("", None)
    assert stored.summary_th == "<p>สรุปเนื้อหาการประชุม</p>"


# Readable names


def test_reports_models_read_as_their_titles():
    group = MissionGroupFactory(name_th="การบริหารจัดการ", name_en="Administration")
    bulletin = BulletinFactory(
        mission_group=group, title_th="สรุปการประชุม", title_en="Meeting summary"
    )
    action = FollowUpActionFactory(title_th="ส่งรายงาน", title_en="Send the report")

    assert [str(group), str(bulletin), str(action)] == [
        "การบริหารจัดการ",
        "สรุปการประชุม",
        "ส่งรายงาน",
    ]
    with translation.override("en"):
        assert [str(group), str(bulletin), str(action)] == [
            "Administration",
            "Meeting summary",
            "Send the report",
        ]
