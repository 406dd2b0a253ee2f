"""The demo forum's bulletin and follow-up, as the seed bulletin records them."""

import datetime as dt

from django.db import transaction

from amf.upsert import upsert
from delegates.models import Organisation, Person
from events.demo import at_bangkok, paragraphs
from events.models import Forum
from reports import demo_text as text
from reports.document import snapshot
from reports.models import (
    Bulletin,
    BulletinRevision,
    Feedback,
    FollowUpAction,
    MissionGroup,
    ProgressNote,
)


@transaction.atomic
def load(*, forum: Forum, reporter: Person, office: Organisation) -> Bulletin:
    """Create or restore the demo bulletin, its mission group, revision and follow-up action."""
    mission_group, _ = upsert(
        MissionGroup,
        lookup={"name_th": "การบริหารจัดการ"},
        values={"name_en": "Administration and Management"},
    )
    bulletin, _ = upsert(
        Bulletin,
        lookup={"forum": forum, "title_th": text.TITLE_TH},
        values={
            "title_en": text.TITLE_EN,
            "mission_group": mission_group,
            "meeting_name_th": text.MEETING_NAME_TH,
            "meeting_name_en": text.MEETING_NAME_EN,
            "summary_th": paragraphs(text.SUMMARY_TH),
            "summary_en": paragraphs(text.SUMMARY_EN),
            "continued_operations_th": paragraphs(text.CONTINUED_OPERATIONS_TH),
            "continued_operations_en": paragraphs(text.CONTINUED_OPERATIONS_EN),
            "recipient_th": text.RECIPIENT_TH,
            "recipient_en": text.RECIPIENT_EN,
            "reporter": reporter,
            "reporter_position_th": text.REPORTER_POSITION_TH,
            "reporter_position_en": text.REPORTER_POSITION_EN,
            "reporter_division_th": text.REPORTER_DIVISION_TH,
            "reporter_division_en": text.REPORTER_DIVISION_EN,
            "reporter_office_th": text.REPORTER_OFFICE_TH,
            "reporter_office_en": text.REPORTER_OFFICE_EN,
            "reporter_phone": text.REPORTER_PHONE,
            "status": Bulletin.Status.PUBLISHED,
            # The seed gives no workflow dates; these are assumed, a few working days after.
            "submitted_at": at_bangkok(dt.date(2019, 8, 29), 9, 0),
            "acknowledged_at": at_bangkok(dt.date(2019, 8, 30), 9, 0),
            "published_at": at_bangkok(dt.date(2019, 9, 2), 9, 0),
            "submitted_by": None,
            "acknowledged_by": None,
            "published_by": None,
        },
    )
    # The text as published: the first entry of the bulletin's revision history.
    upsert(
        BulletinRevision,
        lookup={"bulletin": bulletin, "number": 1},
        values={
            "event": BulletinRevision.Event.PUBLISHED,
            "content": snapshot(bulletin),
            "note": "",
            "created_at": bulletin.published_at,
            "created_by": None,
        },
    )
    action, _ = upsert(
        FollowUpAction,
        lookup={"forum": forum, "title_en": text.FOLLOW_UP_TITLE_EN},
        values={
            "title_th": text.FOLLOW_UP_TITLE_TH,
            "bulletin": bulletin,
            "owner": office,
            "due_on": dt.date(2019, 10, 15),
            "status": FollowUpAction.Status.DONE,
            "completed_on": dt.date(2019, 10, 17),
        },
    )
    # Assumed, as the seed records no progress or suggestions: one note closing the action,
    # and one suggestion, already reviewed, so that every page of the admin has a row.
    upsert(
        ProgressNote,
        lookup={"action": action, "noted_on": dt.date(2019, 10, 17)},
        values={"text": text.PROGRESS_NOTE_TH, "author": None},
    )
    upsert(
        Feedback,
        lookup={"bulletin": bulletin, "message": text.FEEDBACK_TH},
        values={
            "name": "",
            "email": "",
            "language": "th",
            "received_at": at_bangkok(dt.date(2019, 9, 3), 10, 0),
            "is_reviewed": True,
        },
    )
    return bulletin
