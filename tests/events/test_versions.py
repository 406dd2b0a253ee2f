"""The versions that cached public pages are kept under, and how a change moves them."""

from events.models import Forum
from events.services import forum_touch
from events.versions import published_version, site_version, version_key
from tests.factories import ForumFactory, SessionFactory


def test_without_a_shared_cache_every_version_is_read_from_the_database_in_one_query(
    db, django_assert_num_queries
):
    forum = ForumFactory()

    with django_assert_num_queries(1):
        version = published_version(forum.slug)

    assert version.pk == forum.pk


def test_a_change_made_behind_the_services_back_is_seen_at_once_without_a_shared_cache(db):
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
    forum.delete()

    assert with_forum != before
    assert site_version() != with_forum


def test_with_a_shared_cache_a_version_asks_the_database_once_then_nothing(
    db, shared_cache, django_assert_num_queries
):
    forum = ForumFactory()
    with django_assert_num_queries(2):
        published_version(forum.slug)
        site_version()

    with django_assert_num_queries(0):
        version = published_version(forum.slug)
        site_version()
        site_version()

    assert version.pk == forum.pk
    assert shared_cache.get(version_key(forum.slug)) == version


def test_with_a_shared_cache_a_committed_change_replaces_the_versions_every_server_reads(
    db, shared_cache, django_capture_on_commit_callbacks
):
    forum = ForumFactory()
    session = SessionFactory(forum=forum)
    before, site_before = published_version(forum.slug), site_version()

    with django_capture_on_commit_callbacks(execute=True):
        session.title_en = "Renamed"
        session.save()

    stored = shared_cache.get(version_key(forum.slug))
    assert stored.key != before.key
    assert published_version(forum.slug) == stored
    assert site_version() != site_before


def test_with_a_shared_cache_nothing_changes_before_the_write_commits(
    db, shared_cache, django_capture_on_commit_callbacks
):
    forum = ForumFactory()
    before = published_version(forum.slug)

    with django_capture_on_commit_callbacks(execute=False) as pending:
        forum_touch(forums=[forum.pk])

    assert published_version(forum.slug) == before
    assert len(pending) == 1


def test_with_a_shared_cache_unpublishing_a_forum_takes_its_pages_down_once_committed(
    db, shared_cache, django_capture_on_commit_callbacks
):
    forum = ForumFactory()
    published_version(forum.slug)

    with django_capture_on_commit_callbacks(execute=True):
        forum.is_published = False
        forum.save()

    assert published_version(forum.slug) is None


def test_with_a_shared_cache_renaming_a_forums_address_retires_the_old_one(
    db, shared_cache, django_capture_on_commit_callbacks
):
    forum = ForumFactory(slug="amf-2019")
    published_version("amf-2019")

    with django_capture_on_commit_callbacks(execute=True):
        forum.slug = "asean-mayors-forum-2019"
        forum.save()

    assert published_version("amf-2019") is None
    assert published_version("asean-mayors-forum-2019").pk == forum.pk
