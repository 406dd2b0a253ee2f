"""Registration, accreditation and attendance of delegates."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amf.bulk import rows_update_with_history
from delegates.models import Attendance, Participation
from events.services import forum_touch


class CheckInError(Exception):
    """A check-in that cannot be made, with a message for the person making it."""


@transaction.atomic
def participations_set_status(*, participations, status: str, user=None) -> int:
    """Set the registration status of many participations at once; returns how many changed.

    Side effects: a version in each changed participation's audit trail naming `user` and
    the bulk change; the forums' public pages get a new version (a cancelled speaker leaves
    them at once).
    """
    if status not in Participation.RegistrationStatus.values:
        raise ValueError(f"Unknown registration status {status!r}")
    rows = _locked(participations.exclude(registration_status=status))
    now = timezone.now()
    for participation in rows:
        participation.registration_status = status
        participation.updated_at = now
    reason = _("Bulk change: registration status “%(status)s”") % {
        "status": Participation.RegistrationStatus(status).label
    }
    rows_update_with_history(
        Participation, rows, ["registration_status", "updated_at"], user=user, reason=reason
    )
    if rows:
        forum_touch(forums={participation.forum_id for participation in rows})
    return len(rows)


@transaction.atomic
def participations_issue_badges(*, participations, issued: bool = True, user=None) -> int:
    """Record that badges were issued (or take the record back); returns how many changed.

    Issuing stamps the time; a badge already issued keeps its first time. Side effect: a
    version in each changed participation's audit trail naming `user` and the bulk change.
    No public page shows badges, so no forum's version moves.
    """
    rows = _locked(participations.exclude(badge_issued=issued))
    now = timezone.now()
    for participation in rows:
        participation.badge_issued = issued
        participation.badge_issued_at = now if issued else None
        participation.updated_at = now
    reason = _("Bulk change: badge issued") if issued else _("Bulk change: badge not issued")
    fields = ["badge_issued", "badge_issued_at", "updated_at"]
    return rows_update_with_history(Participation, rows, fields, user=user, reason=reason)


def _locked(participations) -> list[Participation]:
    # Locked, so that a change made meanwhile is neither lost nor recorded under this one.
    return list(
        Participation.objects.filter(pk__in=participations.values("pk"))
        .select_for_update()
        .order_by("pk")
    )


def forum_days(forum) -> list[dt.date]:
    """Every day of the forum, first to last."""
    return [
        forum.start_date + dt.timedelta(days=offset)
        for offset in range((forum.end_date - forum.start_date).days + 1)
    ]


@transaction.atomic
def attendance_check_in(*, participation: Participation, day: dt.date, by) -> Attendance:
    """Check a delegate in on a day of their forum, recording who did it and when.

    Creates one Attendance row; raises CheckInError if the day is not one of the forum's,
    the participation is cancelled, or the delegate is already checked in that day.
    """
    if day not in forum_days(participation.forum):
        raise CheckInError(_("%(day)s is not a day of the forum.") % {"day": day.isoformat()})
    if participation.registration_status == Participation.RegistrationStatus.CANCELLED:
        raise CheckInError(
            _("%(name)s's registration is cancelled.") % {"name": participation.person}
        )
    try:
        with transaction.atomic():
            return Attendance.objects.create(
                participation=participation,
                day=day,
                checked_in_at=timezone.now(),
                checked_in_by=by if by is not None and by.is_authenticated else None,
            )
    except IntegrityError:
        raise CheckInError(
            _("%(name)s is already checked in on that day.") % {"name": participation.person}
        ) from None


def attendance_undo(*, participation: Participation, day: dt.date) -> bool:
    """Take back a check-in made by mistake; returns whether there was one."""
    deleted, _counts = Attendance.objects.filter(participation=participation, day=day).delete()
    return bool(deleted)
