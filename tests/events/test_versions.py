"""The versions that cached public pages are kept under, and how a change moves them."""

import time

from django.db import connection, connections

from events.models import Forum
from events.services import forum_touch, object_save, objects_delete
from events.versions import CHANNEL, published_version, site_version
from tests.factories import ForumFactory, SessionFactory


def wait_until(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def settle():
    # Let the announcements of the test's own set-up reach the listener first.
    time.sleep(0.5)


def test_without_a_listener_every_version_is_read_from_the_database_in_one_query(
    db, django_assert_num_queries
):
    forum = ForumFactory()

    with django_assert_num_queries(1):
        version = published_version(forum.slug)
    with django_assert_num_queries(1):
        published_version(forum.slug)

    assert version.pk == forum.pk


def test_without_a_listener_a_change_made_behind_the_services_back_is_seen_at_once(db):
    forum = ForumFactory()
    published_version(forum.slug)

    Forum.objects.filter(pk=forum.pk).update(is_published=False)

    assert published_version(forum.slug) is None


def test_touching_a_forum_gives_its_pages_and_the_sites_a_new_version(db):
    forum = ForumFactory()
    before, site_before = published_version(forum.slug), site_version()

    forum_touch(forums=[forum.pk])

    assert published_version(forum.slug).key != before.key
    assert site_version() != site_before


def test_a_new_or_deleted_forum_moves_the_sites_version(db):
    ForumFactory()
    before = site_version()
    forum = ForumFactory()
    with_forum = site_version()
    objects_delete(objs=[forum])

    assert with_forum != before
    assert site_version() != with_forum


def test_a_listening_process_remembers_versions_and_asks_the_database_nothing(
    listening, django_assert_num_queries
):
    forum = ForumFactory()
    settle()
    with django_assert_num_queries(2):
        published_version(forum.slug)
        site_version()

    with django_assert_num_queries(0):
        version = published_version(forum.slug)
        site_version()

    assert version.pk == forum.pk


def test_a_listening_process_sees_a_change_another_server_commits_at_once(listening):
    forum = ForumFactory()
    settle()
    before = published_version(forum.slug)
    other_server = connections.create_connection("default")

    # Another app server's write: a touch and its announcement, in one transaction.
    with other_server.cursor() as cursor:
        cursor.execute("BEGIN")
        cursor.execute(
            "UPDATE events_forum SET updated_at = now() + interval '1 hour' WHERE id = %s",
            [forum.pk],
        )
        cursor.execute(f"NOTIFY {CHANNEL}")
        time.sleep(0.3)
        unseen_before_commit = published_version(forum.slug) == before
        cursor.execute("COMMIT")
    other_server.close()

    assert unseen_before_commit
    assert wait_until(lambda: published_version(forum.slug).key != before.key)


def test_a_listening_process_sees_its_own_change_at_once(listening):
    forum = ForumFactory()
    session = SessionFactory(forum=forum)
    before, site_before = published_version(forum.slug), site_version()

    session.title_en = "Renamed"
    object_save(obj=session)

    assert published_version(forum.slug).key != before.key
    assert site_version() != site_before


def test_a_listening_process_takes_an_unpublished_forums_pages_down_at_once(listening):
    forum = ForumFactory(slug="amf-2019")
    published_version("amf-2019")

    forum.is_published = False
    object_save(obj=forum)

    assert published_version("amf-2019") is None


def test_a_listening_process_retires_a_renamed_forums_old_address(listening):
    forum = ForumFactory(slug="amf-2019")
    published_version("amf-2019")

    forum.slug = "asean-mayors-forum-2019"
    object_save(obj=forum)

    assert published_version("amf-2019") is None
    assert published_version("asean-mayors-forum-2019").pk == forum.pk


def test_a_process_whose_listener_is_down_reads_every_version_afresh(
    listening, django_assert_num_queries
):
    forum = ForumFactory()
    settle()
    published_version(forum.slug)
    listening.stop_listening()

    with django_assert_num_queries(1):
        published_version(forum.slug)

    assert not listening.listening
    assert connection.vendor == "postgresql"
