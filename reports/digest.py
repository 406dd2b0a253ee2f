"""The weekly follow-up digest: overdue and due-soon actions, per owning unit."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from amf.dates import format_date
from reports.models import FollowUpAction


@dataclass
class UnitDigest:
    owner: object
    overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)


@dataclass
class Digest:
    today: dt.date
    days: int
    units: list[UnitDigest]

    @property
    def is_empty(self) -> bool:
        return not self.units


def build_digest(*, today: dt.date | None = None, days: int = 7) -> Digest:
    """Collect pending actions overdue or due within `days` days, grouped by owning unit."""
    today = today or timezone.localdate()
    actions = FollowUpAction.objects
    due = actions.overdue(today=today) | actions.due_soon(today=today, days=days)
    units: dict[int, UnitDigest] = {}
    # by_owner() gives the units in Thai dictionary order and each unit's actions by due date.
    for action in due.by_owner().with_overdue_flag(today=today):
        unit = units.setdefault(action.owner_id, UnitDigest(action.owner))
        (unit.overdue if action.is_overdue else unit.due_soon).append(action)
    return Digest(today=today, days=days, units=list(units.values()))


def render_digest(digest: Digest) -> tuple[str, str]:
    """The digest's subject and plain-text body in the active language."""
    subject = _("Follow-up actions: overdue and due by %(date)s") % {
        "date": format_date(digest.today + dt.timedelta(days=digest.days))
    }
    body = render_to_string("reports/followup_digest.txt", {"digest": digest})
    return subject, body


def digest_recipients() -> list[str]:
    """Who receives the digest: FOLLOWUP_DIGEST_RECIPIENTS, else staff who follow actions."""
    configured = getattr(settings, "FOLLOWUP_DIGEST_RECIPIENTS", [])
    if configured:
        return list(configured)
    users = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .exclude(email="")
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__codename="change_followupaction")
            | Q(groups__permissions__codename="change_followupaction")
        )
        .distinct()
        .order_by("email")
    )
    return list(users.values_list("email", flat=True).distinct())
