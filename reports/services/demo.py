"""The demo forum, loaded or restored as one change."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from amf import upsert
from delegates import demo as delegates_demo
from events import demo as events_demo
from events.services import forums_touch_showing
from reports import demo as reports_demo
from reports.models import Bulletin


@transaction.atomic
def demo_load(*, user: AbstractBaseUser | None = None) -> tuple[Bulletin, int]:
    """Load the 5th ASEAN Mayors Forum 2019, restoring any demo row that was edited.

    Returns the demo bulletin and how many rows were written; a second run writes none.
    Side effects: each row written gets a version in its audit trail (if it keeps one)
    naming `user` and the demo; the forums that show them get a new version.
    """
    with upsert.recording(user=user, reason=_("Demo data loaded")) as writes:
        demo = events_demo.load()
        delegates = delegates_demo.load(demo=demo)
        bulletin = reports_demo.load(
            forum=demo.forum, reporter=delegates.reporter, office=delegates.office
        )
    rows: dict = {}
    for row in writes.rows:
        rows.setdefault(type(row), []).append(row.pk)
    if rows:
        forums_touch_showing(rows=rows)
    return bulletin, len(writes.rows)
