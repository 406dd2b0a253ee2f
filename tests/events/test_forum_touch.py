"""A forum's `updated_at` moves with anything its public pages show, and only then."""

import pytest

from events.services import forum_touch, object_save, objects_delete
from tests.factories import (
    ForumFactory,
    FrameworkFactory,
    PriorityFactory,
    RoomFactory,
    SessionFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def stamp(forum):
    forum.refresh_from_db()
    return forum.updated_at


def test_saving_a_session_or_priority_moves_its_forums_stamp():
    forum = ForumFactory()
    session = SessionFactory.build(forum=forum, room=None)
    priority = PriorityFactory.build(forum=forum)
    before = stamp(forum)
    object_save(obj=session)
    after_session = stamp(forum)
    object_save(obj=priority)

    assert before < after_session < stamp(forum)


def test_moving_a_session_to_another_forum_moves_both_stamps():
    first, second = ForumFactory(), ForumFactory()
    session = SessionFactory(forum=first)
    before = stamp(first), stamp(second)

    session.forum = second
    object_save(obj=session)

    assert stamp(first) > before[0] and stamp(second) > before[1]


def test_renaming_a_room_moves_the_stamp_of_forums_held_in_its_venue():
    forum = ForumFactory()
    room = RoomFactory(venue=forum.venue)
    other = ForumFactory()
    before, other_before = stamp(forum), stamp(other)

    room.name_en = "Renamed"
    object_save(obj=room)

    assert stamp(forum) > before
    assert stamp(other) == other_before


def test_saving_an_unchanged_row_writes_nothing_and_moves_no_stamp():
    forum = ForumFactory()
    session = SessionFactory(forum=forum)
    before = stamp(forum)

    written = object_save(obj=session)

    assert written is False
    assert stamp(forum) == before


def test_linking_a_framework_moves_the_stamp_but_linking_it_again_does_not():
    forum = ForumFactory()
    framework = FrameworkFactory()
    before = stamp(forum)

    object_save(obj=forum, relations={"frameworks": [framework]})
    linked = stamp(forum)
    object_save(obj=forum, relations={"frameworks": [framework]})

    assert linked > before
    assert stamp(forum) == linked


def test_deleting_a_session_moves_its_forums_stamp():
    forum = ForumFactory()
    session = SessionFactory(forum=forum)
    before = stamp(forum)

    objects_delete(objs=[session])

    assert stamp(forum) > before


def test_a_venue_with_no_forum_moves_no_stamp():
    forum = ForumFactory()
    venue = VenueFactory()
    before = stamp(forum)

    venue.name_en = "Renamed"
    object_save(obj=venue)

    assert stamp(forum) == before


def test_forum_touch_stamps_the_forums_named_and_says_how_many():
    first, second, untouched = ForumFactory(), ForumFactory(), ForumFactory()
    before = stamp(untouched)

    count = forum_touch(forums=[first.pk, second.pk])

    assert count == 2
    assert stamp(untouched) == before
