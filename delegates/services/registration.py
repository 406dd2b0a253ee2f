"""Registration, accreditation and attendance of delegates."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from delegates.models import Attendance, Participation


class CheckInError(Exception):
    """A check-in that cannot be made, with a message for the person making it."""


def participations_set_status(*, participations, status: str) -> int:
    """Set the registration status of many participations at once; returns how many changed."""
    if status not in Participation.RegistrationStatus.values:
        raise ValueError(f"Unknown registration status {status!r}")
    return participations.exclude(registration_status=status).update(
        registration_status=status, updated_at=timezone.now()
    )


def participations_issue_badges(*, participations, issued: bool = True) -> int:
    """Record that badges were issued (or take the record back); returns how many changed.

    Issuing stamps the time; a badge already issued keeps its first time.
    """
    now = timezone.now()
    return participations.exclude(badge_issued=issued).update(
        badge_issued=issued, badge_issued_at=now if issued else None, updated_at=now
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
