"""Which forums' public pages show bulletins: a forum's page lists its published bulletins.

See `events.impact`. Only published bulletins are shown, so only they (before or after a
change) move a forum's version.
"""

from django.db.models import Q

from delegates.models import Person
from events.impact import not_shown_on_forums, shown_on_forums
from reports.models import (
    Bulletin,
    BulletinRevision,
    Feedback,
    FollowUpAction,
    MissionGroup,
    ProgressNote,
)

not_shown_on_forums(Feedback, FollowUpAction, ProgressNote)


def _published(**lookup) -> Q:
    return Q(pk__in=Bulletin.objects.published().filter(**lookup).values("forum"))


@shown_on_forums(Bulletin)
def _bulletin(pks):
    return _published(pk__in=pks)


@shown_on_forums(BulletinRevision)
def _revision(pks):
    # A published bulletin's page says how often it was revised.
    return _published(revisions__in=pks)


@shown_on_forums(MissionGroup)
def _mission_group(pks):
    return _published(mission_group__in=pks)


@shown_on_forums(Person)
def _reporter(pks):
    return _published(reporter__in=pks)
