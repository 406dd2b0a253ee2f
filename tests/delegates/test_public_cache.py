"""Every public page and feed is kept rendered under its forum's version and served from there."""

import gzip
import threading
import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from events.pages import stored_page
from events.services import object_save
from tests.factories import (
    BulletinFactory,
    ForumFactory,
    ParticipationFactory,
    PersonFactory,
    SessionFactory,
    SessionRoleFactory,
)

BROWSER = {"accept-encoding": "gzip, deflate, br"}


@pytest.fixture
def forum(db):
    forum = ForumFactory(slug="amf-2019")
    session = SessionFactory(forum=forum, title_en="Opening plenary")
    person = PersonFactory(first_name_en="Somsak")
    ParticipationFactory(forum=forum, person=person)
    SessionRoleFactory(session=session, person=person)
    forum.session, forum.person = session, person
    forum.bulletin = BulletinFactory(forum=forum, published=True)
    return forum


def pages(forum) -> dict[str, str]:
    """Every public page and feed of the forum, by name."""
    session = forum.session.pk
    return {
        "home": "/en/",
        "forum": f"/en/forums/{forum.slug}/",
        "programme": f"/en/forums/{forum.slug}/programme/",
        "session": f"/en/forums/{forum.slug}/sessions/{session}/",
        "speakers": f"/en/forums/{forum.slug}/speakers/",
        "speaker": f"/en/forums/{forum.slug}/speakers/{forum.person.pk}/",
        "my programme": f"/en/forums/{forum.slug}/programme/mine/?sessions={forum.session.pk}",
        "ics": f"/forums/{forum.slug}/programme.ics?lang=en",
        "session ics": f"/forums/{forum.slug}/sessions/{session}.ics?lang=en",
        "my ics": f"/forums/{forum.slug}/programme.ics?lang=en&sessions={forum.session.pk}",
        "json": f"/forums/{forum.slug}/programme.json?lang=en",
        "bulletins": "/en/reports/",
        "bulletin": f"/en/reports/{forum.bulletin.pk}/",
    }


PAGES = [
    "home",
    "forum",
    "programme",
    "session",
    "speakers",
    "speaker",
    "my programme",
    "ics",
    "session ics",
    "my ics",
    "json",
    "bulletins",
    "bulletin",
]


def body(response) -> bytes:
    content = response.getvalue()
    return gzip.decompress(content) if response.get("Content-Encoding") == "gzip" else content


@pytest.mark.parametrize("page", PAGES)
def test_every_page_and_feed_goes_gzipped_to_browsers_and_plain_to_others(client, forum, page):
    url = pages(forum)[page]

    zipped = client.get(url, headers=BROWSER)
    plain = client.get(url)

    assert zipped.status_code == plain.status_code == 200
    assert zipped["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in zipped["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert len(zipped.getvalue()) < len(plain.getvalue())
    if page != "bulletin":  # its form's tokens differ for each request
        assert gzip.decompress(zipped.getvalue()) == plain.getvalue()


@pytest.mark.parametrize("page", PAGES)
def test_an_unknown_parameter_is_the_same_cached_page(
    client, forum, page, django_assert_num_queries
):
    url = pages(forum)[page]
    first = client.get(url)
    separator = "&" if "?" in url else "?"

    with django_assert_num_queries(1):  # the version, which an app server remembers
        again = client.get(f"{url}{separator}utm_source=x&fbclid=42&page_id=%00")

    if page != "bulletin":
        assert again.getvalue() == first.getvalue()
    assert again.status_code == 200


@pytest.mark.parametrize("page", [name for name in PAGES if name != "session ics"])
def test_a_change_to_what_a_page_shows_is_served_at_once(client, forum, page):
    url = pages(forum)[page]
    client.get(url)

    forum.title_en = "The Renamed Forum"
    object_save(obj=forum)

    assert "The Renamed Forum" in body(client.get(url)).decode()


def test_a_session_renamed_is_served_at_once_by_every_page_naming_it(client, forum):
    urls = [pages(forum)[name] for name in ("programme", "session", "speakers", "ics", "json")]
    for url in urls:
        client.get(url)

    forum.session.title_en = "Renamed plenary"
    object_save(obj=forum.session)

    for url in urls:
        assert "Renamed plenary" in body(client.get(url)).decode(), url


FORUM_PAGES = [name for name in PAGES if name not in ("home", "bulletins", "bulletin")]


@pytest.mark.parametrize("page", FORUM_PAGES)
def test_an_unpublished_forums_pages_disappear_at_once(client, forum, page):
    url = pages(forum)[page]
    assert client.get(url).status_code == 200

    forum.is_published = False
    object_save(obj=forum)

    # A feed's address without a language goes on to the Thai one first.
    assert client.get(url, follow=True).status_code == 404


def test_a_session_list_in_any_order_or_with_repeats_is_one_cached_page(
    client, db, django_assert_num_queries
):
    forum = ForumFactory()
    first, second = SessionFactory(forum=forum), SessionFactory(forum=forum)
    url = reverse("feeds:programme_ics", kwargs={"slug": forum.slug})
    ordered = client.get(url, {"sessions": f"{first.pk},{second.pk}"})

    with django_assert_num_queries(1):
        shuffled = client.get(url, {"sessions": f"{second.pk}, {first.pk},{first.pk},"})
    with django_assert_num_queries(1):
        with_unknown = client.get(url, {"sessions": f"{second.pk},{first.pk},999999"})

    assert ordered.getvalue() == shuffled.getvalue() == with_unknown.getvalue()


@pytest.mark.parametrize(
    ("params", "other"),
    [
        ({"day": "1999-01-01"}, {"day": "not a day at all"}),
        ({"room": "123456"}, {"room": "' OR 1=1 --"}),
        ({"type": "séance"}, {"type": "\x00"}),
    ],
)
def test_any_bad_filter_value_is_answered_from_the_cache_with_one_page(
    client, forum, params, other, django_assert_num_queries
):
    url = pages(forum)["programme"]
    first = client.get(url, params)

    with django_assert_num_queries(1):
        again = client.get(url, other)

    assert first.status_code == again.status_code == 200
    assert again.getvalue() == first.getvalue()
    assert b"The programme has no such" in first.getvalue()


def test_an_unknown_session_or_speaker_is_a_cached_404(client, forum, django_assert_num_queries):
    client.get(f"/en/forums/{forum.slug}/sessions/999998/")

    with django_assert_num_queries(1):
        session = client.get(f"/en/forums/{forum.slug}/sessions/999999/")
    with django_assert_num_queries(1):
        speaker = client.get(f"/en/forums/{forum.slug}/speakers/999999/")

    assert session.status_code == speaker.status_code == 404
    assert "Page not found" in session.content.decode()


def test_the_suggestion_form_gives_each_visitor_their_own_form_token(client, forum):
    url = reverse("reports:bulletin_feedback", args=[forum.bulletin.pk])
    other = type(client)()

    mine = body(client.get(url)).decode()
    theirs = body(other.get(url)).decode()

    marker = 'name="csrfmiddlewaretoken" value="'
    token = mine.split(marker)[1].split('"')[0]
    assert token and token != theirs.split(marker)[1].split('"')[0]
    assert 'name="issued" value="' in mine and "stand-in" not in mine
    assert client.cookies["csrftoken"].value


def test_a_page_is_rendered_once_however_many_ask_at_the_same_time(db):
    renders = []

    def render():
        renders.append(1)
        time.sleep(0.3)
        return HttpResponse("the programme")

    request = RequestFactory().get("/en/forums/amf-2019/programme/")
    results = []

    def visit():
        results.append(stored_page(request, version="v1", parts=("slow",), render=render))

    visitors = [threading.Thread(target=visit) for _ in range(8)]
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join()

    assert len(renders) == 1
    assert len(results) == 8 and len({page.body for page in results}) == 1


def test_the_programme_pdf_is_rendered_once_per_version(client, forum, monkeypatch):
    made = []
    real = __import__("amf.pdf", fromlist=["html_to_pdf"]).html_to_pdf

    def counting(html):
        made.append(html)
        return real(html)

    monkeypatch.setattr("amf.pdf.html_to_pdf", counting)
    url = f"/en/forums/{forum.slug}/programme.pdf"

    first, again = client.get(url), client.get(url)
    forum.session.title_en = "Renamed"
    object_save(obj=forum.session)
    changed = client.get(url)

    assert first.getvalue() == again.getvalue() != changed.getvalue()
    assert first.getvalue().startswith(b"%PDF")
    assert len(made) == 2


def test_with_a_shared_cache_a_page_one_server_rendered_is_served_by_another(
    client, forum, shared_cache, django_assert_num_queries
):
    from django.core.cache import caches

    url = pages(forum)["programme"]
    first = client.get(url)
    caches["pages"].clear()  # another app server's memory: empty

    with django_assert_num_queries(1):  # the version; the page comes from Redis
        again = client.get(url)

    assert [t.name for t in first.templates][:1] == ["delegates/forum_programme.html"]
    assert again.templates == []
    assert again.getvalue() == first.getvalue()
