"""Every public page and feed costs the same queries for 10 sessions as for 500, and a cached
one costs one query: the forum's version, which an app server that listens for announced
versions remembers, so that a cached page costs it none (tests/delegates/test_public_cache.py).
"""

import pytest
from django.urls import reverse

from events.models import Forum, Session
from tests.factories import ForumFactory, programme_for
from tests.helpers import rolled_back

pytestmark = pytest.mark.django_db

# (URL name, queries rendering it afresh). The first is the forum's version. Pages that
# check an id or a list of sessions read the forum's index next (its sessions, its public
# speakers), once per version. Then the forum, its sessions and their people; the forum
# page adds its prefetches and the bulletins the reports app lists. The forum page and the
# programme, which offer the registration form while it is open, read the forum's
# registration settings once per version (with a capacity, the seats taken too).
PAGES = [
    ("delegates:forum", 10),
    # The programme also reads its forum's dated notices.
    ("delegates:programme", 6),
    ("delegates:speakers", 4),
    ("delegates:programme_ics", 4),
    ("delegates:programme_json", 4),
]


@pytest.fixture(scope="module", params=[10, 500], ids=["10-sessions", "500-sessions"])
def programme(request, django_db_setup, django_db_blocker):
    """A forum and its programme, made once for all the pages asked of it."""
    with rolled_back(django_db_blocker):
        forum = ForumFactory()
        yield forum.pk, [session.pk for session in programme_for(forum, sessions=request.param)]


@pytest.fixture
def forum(programme, db):
    forum_id, session_ids = programme
    forum = Forum.objects.get(pk=forum_id)
    sessions = Session.objects.in_bulk(session_ids)
    forum.sessions_made = [sessions[pk] for pk in session_ids]
    return forum


def urls(forum) -> dict[str, tuple[str, dict, int]]:
    """Every page and feed of the forum: its address, query and queries rendering it afresh."""
    session = forum.sessions_made[-1]
    person = session.roles.first().person
    everything = ",".join(str(s.pk) for s in forum.sessions_made)
    pages = {
        name: (reverse(name, kwargs={"slug": forum.slug}), {}, queries) for name, queries in PAGES
    }
    one = {"slug": forum.slug, "pk": session.pk}
    return {
        **pages,
        "home": (reverse("events:home"), {}, 3),
        # The session page also reads its public materials.
        "session": (reverse("delegates:session", kwargs=one), {}, 7),
        "session_ics": (reverse("delegates:session_ics", kwargs=one), {}, 6),
        "speaker": (
            reverse("delegates:speaker", kwargs={"slug": forum.slug, "pk": person.pk}),
            {},
            6,
        ),
        "my_programme": (
            reverse("delegates:my_programme", kwargs={"slug": forum.slug}),
            {"sessions": everything},
            6,
        ),
        "my_ics": (
            reverse("delegates:programme_ics", kwargs={"slug": forum.slug}),
            {"sessions": everything},
            6,
        ),
    }


PAGE_NAMES = [
    *(name for name, _ in PAGES),
    "home",
    "session",
    "session_ics",
    "speaker",
    "my_programme",
    "my_ics",
]


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_a_public_page_costs_the_same_queries_whatever_the_programme_size(
    client, forum, django_assert_num_queries, page
):
    url, query, queries = urls(forum)[page]

    with django_assert_num_queries(queries):
        response = client.get(url, query)

    assert response.status_code == 200


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_a_cached_page_costs_one_query_for_the_forums_version(
    client, forum, django_assert_num_queries, page
):
    url, query, _queries = urls(forum)[page]
    first = client.get(url, query)

    with django_assert_num_queries(1):
        again = client.get(url, query)

    assert again.getvalue() == first.getvalue()


def test_my_programme_with_every_session_saved_shows_them_all(client, forum):
    url, query, _queries = urls(forum)["my_programme"]

    response = client.get(url, query)

    assert len(response.context["sessions"]) == len(forum.sessions_made)
