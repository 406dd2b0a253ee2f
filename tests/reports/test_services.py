import pytest

from reports.models import FollowUpAction
from reports.services import follow_up_actions_save
from tests.factories import (
    BulletinFactory,
    FollowUpActionFactory,
    ForumFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def test_actions_saved_under_a_bulletin_are_filed_under_its_forum():
    bulletin = BulletinFactory()
    action = FollowUpAction(title_th="ติดตามผล", owner=OrganisationFactory(), forum=ForumFactory())

    follow_up_actions_save(bulletin=bulletin, actions=[action])

    action.refresh_from_db()
    assert (action.bulletin, action.forum) == (bulletin, bulletin.forum)


def test_actions_removed_from_a_bulletin_are_deleted():
    bulletin = BulletinFactory()
    kept = FollowUpActionFactory(forum=bulletin.forum, bulletin=bulletin)
    removed = FollowUpActionFactory(forum=bulletin.forum, bulletin=bulletin)

    follow_up_actions_save(bulletin=bulletin, actions=[kept], removed=[removed])

    assert list(bulletin.follow_up_actions.all()) == [kept]
