"""Every public page and feed costs the same number of queries for 10 sessions as for 500."""

import pytest
from django.urls import reverse

from tests.factories import ForumFactory, programme_for

pytestmark = pytest.mark.django_db

# (URL name, queries). The programme: the forum, then sessions and their people on a cold
# cache; the forum page adds its prefetches and the bulletins the reports app lists.
PAGES = [
    ("delegates:forum", 8),
    ("delegates:programme", 4),
    ("delegates:speakers", 3),
    ("delegates:programme_ics", 3),
    ("delegates:programme_json", 3),
]


@pytest.fixture(params=[10, 500], ids=["10-sessions", "500-sessions"])
def forum(request):
    forum = ForumFactory()
    forum.sessions_made = programme_for(forum, sessions=request.param)
    return forum


@pytest.mark.parametrize(("name", "queries"), PAGES, ids=[name for name, _ in PAGES])
def test_a_public_page_costs_the_same_queries_whatever_the_programme_size(
    client, forum, django_assert_num_queries, name, queries
):
    url = reverse(name, kwargs={"slug": forum.slug})

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


def test_the_home_page_costs_the_same_queries_whatever_the_programme_size(
    client, forum, django_assert_num_queries
):
    with django_assert_num_queries(2):
        response = client.get(reverse("events:home"))

    assert response.status_code == 200


def test_a_session_page_costs_the_same_queries_whatever_the_programme_size(
    client, forum, django_assert_num_queries
):
    session = forum.sessions_made[-1]
    url = reverse("delegates:session", kwargs={"slug": forum.slug, "pk": session.pk})

    with django_assert_num_queries(3):
        response = client.get(url)

    assert response.status_code == 200


def test_a_speaker_page_costs_the_same_queries_whatever_the_programme_size(
    client, forum, django_assert_num_queries
):
    person = forum.sessions_made[-1].roles.first().person
    url = reverse("delegates:speaker", kwargs={"slug": forum.slug, "pk": person.pk})

    with django_assert_num_queries(3):
        response = client.get(url)

    assert response.status_code == 200


def test_my_programme_with_every_session_saved_costs_the_same_queries(
    client, forum, django_assert_num_queries
):
    ids = ",".join(str(session.pk) for session in forum.sessions_made)
    url = reverse("delegates:my_programme", kwargs={"slug": forum.slug})

    with django_assert_num_queries(3):
        response = client.get(url, {"sessions": ids})

    assert response.status_code == 200
    assert len(response.context["sessions"]) == len(forum.sessions_made)


def test_a_cached_programme_asks_the_database_nothing(
    client, forum, django_assert_num_queries, monkeypatch
):
    # Within the second a process remembers the forum's version (rendering 500 sessions the
    # first time may itself take longer on a slow machine).
    monkeypatch.setattr("events.versions.time.monotonic", lambda: 1000.0)
    url = reverse("delegates:programme", kwargs={"slug": forum.slug})
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url)

    assert again.content == first.content
