"""A forum's `updated_at` moves with anything its public pages show, and only then."""

import pytest

from events.services import forum_touch
from tests.factories import (
    ForumFactory,
    FrameworkFactory,
    PriorityFactory,
    RoomFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def stamp(forum):
    forum.refresh_from_db()
    return forum.updated_at


def test_saving_a_session_or_priority_moves_its_forums_stamp():
    forum = ForumFactory()
    before = stamp(forum)
    SessionFactory(forum=forum)
    after_session = stamp(forum)
    PriorityFactory(forum=forum)

    assert before < after_session < stamp(forum)


def test_renaming_a_room_moves_the_stamp_of_forums_held_in_its_venue():
    forum = ForumFactory()
    room = RoomFactory(venue=forum.venue)
    other = ForumFactory()
    before, other_before = stamp(forum), stamp(other)

    room.name_en = "Renamed"
    room.save()

    assert stamp(forum) > before
    assert stamp(other) == other_before


def test_linking_a_framework_moves_the_stamp_but_linking_it_again_does_not():
    forum = ForumFactory()
    framework = FrameworkFactory()
    before = stamp(forum)

    forum.frameworks.add(framework)
    linked = stamp(forum)
    forum.frameworks.add(framework)

    assert linked > before
    assert stamp(forum) == linked


def test_forum_touch_stamps_the_forums_named_and_says_how_many():
    first, second, untouched = ForumFactory(), ForumFactory(), ForumFactory()
    before = stamp(untouched)

    count = forum_touch(forums=[first.pk, second.pk])

    assert count == 2
    assert stamp(untouched) == before
