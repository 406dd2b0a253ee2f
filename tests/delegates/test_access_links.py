import datetime as dt

import pytest
from django.core import signing
from django.utils import timezone

from delegates.models import AccessLink
from delegates.services.links import (
    SALT,
    access_link_issue,
    access_link_open,
    access_link_revoke,
)
from tests.factories import ForumFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def token_of(link: AccessLink) -> str:
    return signing.dumps([link.participation_id, link.key], salt=SALT, compress=False)


def during(forum) -> dt.datetime:
    return dt.datetime.combine(forum.start_date, dt.time(12), tzinfo=dt.UTC)


def test_an_issued_link_opens_its_own_participation_and_is_stamped_as_used():
    participation = ParticipationFactory()
    link = access_link_issue(participation=participation)

    opened = access_link_open(token=token_of(link), at=during(participation.forum))

    assert opened == participation
    link.refresh_from_db()
    assert link.last_used_at == during(participation.forum)


def test_issuing_twice_gives_the_same_live_link():
    participation = ParticipationFactory()

    assert access_link_issue(participation=participation) == access_link_issue(
        participation=participation
    )


def test_a_revoked_link_opens_nothing_and_the_next_one_is_new():
    participation = ParticipationFactory()
    old = access_link_issue(participation=participation)

    assert access_link_revoke(participation=participation) == 1
    new = access_link_issue(participation=participation)

    at = during(participation.forum)
    assert access_link_open(token=token_of(old), at=at) is None
    assert access_link_open(token=token_of(new), at=at) == participation
    assert new.key != old.key


def test_a_link_closes_after_the_forums_last_day_in_the_forums_time_zone():
    forum = ForumFactory(
        start_date=dt.date(2019, 8, 26), end_date=dt.date(2019, 8, 28), time_zone="Asia/Bangkok"
    )
    link = access_link_issue(participation=ParticipationFactory(forum=forum))
    last_evening = dt.datetime(2019, 8, 28, 16, 59, tzinfo=dt.UTC)  # 23:59 in Bangkok
    next_morning = dt.datetime(2019, 8, 28, 17, 1, tzinfo=dt.UTC)  # 00:01 on the 29th

    assert access_link_open(token=token_of(link), at=last_evening) is not None
    assert access_link_open(token=token_of(link), at=next_morning) is None


@pytest.mark.parametrize(
    "token",
    [
        "",
        "garbage",
        "W1sxLCAia2V5Il1d:forged",
        signing.dumps(["1", "key"], salt=SALT),
        signing.dumps([1, 2], salt=SALT),
        signing.dumps({"p": 1}, salt=SALT),
    ],
    # Named without the tokens' timestamps, so parallel workers collect the same tests.
    ids=["empty", "garbage", "forged", "id-as-text", "key-as-number", "not-a-list"],
)
def test_garbled_or_forged_tokens_open_nothing(token):
    ParticipationFactory()

    assert access_link_open(token=token, at=timezone.now()) is None


def test_a_token_with_another_participations_id_opens_nothing():
    mine = ParticipationFactory()
    theirs = ParticipationFactory(forum=mine.forum)
    link = access_link_issue(participation=mine)
    access_link_issue(participation=theirs)

    swapped = signing.dumps([theirs.pk, link.key], salt=SALT, compress=False)

    assert access_link_open(token=swapped, at=during(mine.forum)) is None


def test_an_anonymised_persons_link_opens_nothing():
    participation = ParticipationFactory()
    link = access_link_issue(participation=participation)
    participation.person.anonymised_at = timezone.now()
    participation.person.save(update_fields=["anonymised_at"])

    assert access_link_open(token=token_of(link), at=during(participation.forum)) is None
