"""The version that cached public pages are kept under: remembered briefly, renewed on change."""

import gzip

import pytest
from django.core.cache import caches
from django.urls import reverse

from events.models import Forum
from events.services import forum_touch, object_save
from events.versions import published_version, version_key
from tests.factories import ForumFactory, SessionFactory


@pytest.fixture
def clock(monkeypatch):
    """A monotonic clock the test moves by hand."""
    now = [1000.0]
    monkeypatch.setattr("events.versions.time.monotonic", lambda: now[0])
    return now


@pytest.fixture
def shared_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
        },
    }
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def test_a_version_is_remembered_for_a_second_without_asking_the_database(
    db, clock, django_assert_num_queries
):
    forum = ForumFactory()
    first = published_version(forum.slug)

    with django_assert_num_queries(0):
        assert published_version(forum.slug) == first


def test_a_change_made_behind_the_services_back_is_seen_once_the_second_is_over(db, clock):
    forum = ForumFactory()
    published_version(forum.slug)
    Forum.objects.filter(pk=forum.pk).update(is_published=False)

    assert published_version(forum.slug) is not None
    clock[0] += 1.5
    assert published_version(forum.slug) is None


def test_touching_a_forum_gives_its_pages_a_new_version_at_once(db, clock):
    forum = ForumFactory()
    before = published_version(forum.slug)

    forum_touch(forums=[forum.pk])

    assert published_version(forum.slug).key != before.key


def test_unpublishing_a_forum_takes_its_pages_down_at_once(db, clock):
    forum = ForumFactory()
    published_version(forum.slug)

    forum.is_published = False
    object_save(obj=forum)

    assert published_version(forum.slug) is None


def test_renaming_a_forums_address_retires_the_old_one_at_once(db, clock):
    forum = ForumFactory(slug="amf-2019")
    published_version("amf-2019")

    forum.slug = "asean-mayors-forum-2019"
    object_save(obj=forum)

    assert published_version("amf-2019") is None
    assert published_version("asean-mayors-forum-2019").pk == forum.pk


def test_with_a_shared_cache_the_version_comes_from_it_once_remembered_ones_expire(
    db, clock, shared_cache, django_assert_num_queries
):
    forum = ForumFactory()
    published_version(forum.slug)
    clock[0] += 5

    with django_assert_num_queries(0):
        version = published_version(forum.slug)

    assert version.pk == forum.pk
    assert shared_cache.get(version_key(forum.slug)) == version


def test_with_a_shared_cache_a_committed_change_replaces_the_version_every_server_reads(
    db, clock, shared_cache, django_capture_on_commit_callbacks
):
    forum = ForumFactory()
    session = SessionFactory(forum=forum)
    before = published_version(forum.slug)

    with django_capture_on_commit_callbacks(execute=True):
        session.title_en = "Renamed"
        object_save(obj=session)

    stored = shared_cache.get(version_key(forum.slug))
    assert stored.key != before.key
    assert published_version(forum.slug) == stored


def test_the_programme_goes_to_browsers_gzipped_and_to_others_plain(client, db):
    forum = ForumFactory()
    SessionFactory(forum=forum, title_th="พิธีเปิดการประชุม")
    page = reverse("delegates:programme", kwargs={"slug": forum.slug})

    zipped = client.get(page, headers={"accept-encoding": "gzip, deflate, br"})
    plain = client.get(page)

    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert "Accept-Encoding" in plain.headers["Vary"]
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(zipped.content) == plain.content
    assert "พิธีเปิดการประชุม".encode() in plain.content
