"""The delegates' site in Thai and English: every page, the switcher, 404s, filters, now/next."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Session
from events.services import object_save, objects_delete
from tests.factories import (
    BANGKOK,
    ForumFactory,
    ParticipationFactory,
    PersonFactory,
    SessionFactory,
    SessionRoleFactory,
)

SLUG = "amf-2019"


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def demo_pages(language: str) -> list[str]:
    welcome = Session.objects.get(title_en="Welcome remarks")
    speaker = welcome.roles.first().person
    return [
        url("events:home", language),
        url("delegates:forum", language, slug=SLUG),
        url("delegates:programme", language, slug=SLUG),
        url("delegates:my_programme", language, slug=SLUG),
        url("delegates:session", language, slug=SLUG, pk=welcome.pk),
        url("delegates:speakers", language, slug=SLUG),
        url("delegates:speaker", language, slug=SLUG, pk=speaker.pk),
    ]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("th", ["การประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5", "26–28 สิงหาคม 2562"]),
        ("en", ["5th ASEAN Mayors Forum", "26–28 August 2019"]),
    ],
)
def test_every_public_page_of_the_demo_forum_shows_in_the_language_of_its_address(
    client, demo_db, language, words
):
    for page in demo_pages(language):
        response = client.get(page)
        html = response.content.decode()

        assert response.status_code == 200, page
        assert f'<html lang="{language}">' in html, page
        assert all(word in html for word in words), page


def test_the_thai_programme_names_days_in_the_buddhist_era_and_labels_the_time_zone(
    client, demo_db
):
    html = client.get(url("delegates:programme", "th", slug=SLUG)).content.decode()

    assert "วันจันทร์ 26 สิงหาคม 2562" in html
    assert "เวลาทั้งหมดเป็นเวลาท้องถิ่น Asia/Bangkok (UTC+07:00)" in html
    assert "09:00" in html and "09:40" in html
    assert "พิธีกล่าวต้อนรับผู้เข้าร่วมการประชุม" in html
    assert "พลตำรวจเอก อัศวิน ขวัญเมือง" in html


def test_the_english_programme_names_days_in_the_common_era_with_speakers_and_times(
    client, demo_db
):
    html = client.get(url("delegates:programme", "en", slug=SLUG)).content.decode()

    assert "Monday 26 August 2019" in html
    assert "All times are local time in Asia/Bangkok (UTC+07:00)." in html
    assert "Welcome remarks" in html
    assert "Pol. Gen. Aswin Kwanmuang" in html


def test_the_forum_page_shows_theme_hosts_priorities_frameworks_outcomes_and_related_events(
    client, demo_db
):
    html = client.get(url("delegates:forum", "en", slug=SLUG)).content.decode()

    assert "Driving Local Actions for Sustainable and Inclusive Growth" in html
    assert "Hosts and co-organisers" in html
    assert "ASEAN Smart Cities Network" in html
    assert "Joint Statement of the 5th ASEAN Mayors Forum" in html
    assert "7th Asia-Pacific Urban Forum (APUF-7)" in html
    assert "United Nations Conference Centre, Bangkok" in html


def test_the_root_leads_to_the_home_page_in_the_visitors_language(client, db):
    assert client.get("/").url == "/th/"
    assert client.get("/", headers={"accept-language": "en"}).url == "/en/"


def test_the_home_page_lists_upcoming_forums_before_past_editions(client, db):
    today = timezone.localdate()
    ForumFactory(title_en="Coming forum", start_date=today, end_date=today)
    ForumFactory(title_en="Old forum")
    ForumFactory(title_en="Hidden forum", is_published=False)

    html = client.get(url("events:home", "en")).content.decode()

    assert html.index("Coming forum") < html.index("Past editions") < html.index("Old forum")
    assert "Hidden forum" not in html


def test_the_language_switcher_leads_to_the_same_page_and_query_in_the_other_language(
    client, demo_db
):
    page = url("delegates:programme", "th", slug=SLUG) + "?type=ceremony"

    html = client.get(page).content.decode()

    assert 'href="/en/forums/amf-2019/programme/?type=ceremony" hreflang="en"' in html


@pytest.mark.parametrize(
    ("language", "heading"), [("th", "ไม่พบหน้าที่ต้องการ"), ("en", "Page not found")]
)
def test_an_unknown_forum_gives_a_404_page_in_the_visitors_language(client, db, language, heading):
    for name in ("delegates:forum", "delegates:programme", "delegates:speakers"):
        response = client.get(url(name, language, slug="no-such-forum"))

        assert response.status_code == 404
        assert heading in response.content.decode()
        assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "heading"), [("th", "ไม่พบหน้าที่ต้องการ"), ("en", "Page not found")]
)
def test_an_unpublished_forum_and_its_feeds_give_404s(client, db, language, heading):
    forum = ForumFactory(is_published=False)
    session = SessionFactory(forum=forum)
    pages = [
        url("delegates:forum", language, slug=forum.slug),
        url("delegates:programme", language, slug=forum.slug),
        url("delegates:session", language, slug=forum.slug, pk=session.pk),
        url("delegates:programme_ics", language, slug=forum.slug),
        url("delegates:programme_json", language, slug=forum.slug),
        url("delegates:programme_pdf", language, slug=forum.slug),
        reverse("feeds:programme_ics", kwargs={"slug": forum.slug}),
    ]

    for page in pages:
        # An unprefixed address that finds nothing is sent to its prefixed form, also a 404.
        response = client.get(page, follow=True)

        assert response.status_code == 404, page
    assert heading in client.get(pages[0]).content.decode()


def test_the_404_pages_switcher_offers_the_same_address_in_the_other_language(client, db):
    html = client.get("/en/forums/no-such-forum/").content.decode()

    assert 'href="/th/forums/no-such-forum/" hreflang="th"' in html


def test_a_session_of_another_forum_is_not_found_under_this_one(client, demo_db):
    other = SessionFactory()

    response = client.get(url("delegates:session", "en", slug=SLUG, pk=other.pk))

    assert response.status_code == 404


def test_the_programme_can_be_narrowed_to_one_type_and_says_how_many_are_shown(client, db):
    forum = ForumFactory()
    SessionFactory(forum=forum, title_en="Big plenary", kind=Session.Kind.PLENARY)
    SessionFactory(forum=forum, title_en="Small workshop", kind=Session.Kind.WORKSHOP)

    html = client.get(
        url("delegates:programme", "en", slug=forum.slug), {"type": "workshop"}
    ).content.decode()

    assert "Small workshop" in html
    assert "Big plenary" not in html
    assert "1 session of 2" in html


def test_the_programme_can_be_narrowed_to_one_day_and_one_room(client, db):
    forum = ForumFactory()
    first = SessionFactory(forum=forum, title_en="Day one")
    SessionFactory(
        forum=forum,
        title_en="Day two",
        starts_at=dt.datetime(2019, 8, 27, 9, tzinfo=BANGKOK),
        room=first.room,
    )
    SessionFactory(forum=forum, title_en="Other room")
    page = url("delegates:programme", "en", slug=forum.slug)

    by_day = client.get(page, {"day": "2019-08-27"}).content.decode()
    by_room = client.get(page, {"room": first.room_id}).content.decode()

    assert "Day two" in by_day and "Day one" not in by_day
    assert "Day one" in by_room and "Day two" in by_room and "Other room" not in by_room


def test_a_filter_naming_nothing_in_the_programme_says_so_and_shows_everything(client, db):
    forum = ForumFactory()
    SessionFactory(forum=forum, title_en="Big plenary")

    response = client.get(
        url("delegates:programme", "en", slug=forum.slug), {"room": "nonsense", "day": "x"}
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "The programme has no such room; all rooms are shown." in html
    assert "The programme has no such day; all days are shown." in html
    assert "nonsense" not in html
    assert "Big plenary" in html


def test_while_the_forum_runs_the_programme_marks_the_session_now_and_the_next_one(
    client, db, monkeypatch
):
    forum = ForumFactory()
    running = SessionFactory(forum=forum, title_en="Running")
    coming = SessionFactory(
        forum=forum, title_en="Coming", starts_at=running.ends_at + dt.timedelta(minutes=30)
    )
    SessionFactory(forum=forum, title_en="Later", starts_at=coming.ends_at)
    monkeypatch.setattr(timezone, "now", lambda: running.starts_at + dt.timedelta(minutes=5))

    html = client.get(url("delegates:programme", "en", slug=forum.slug)).content.decode()

    assert f'class="session session--now session--plenary" id="session-{running.pk}"' in html
    assert f'class="session session--next session--plenary" id="session-{coming.pk}"' in html
    assert html.count("session--next") == 1
    assert '<strong class="badge badge--now">Now</strong>' in html


def test_the_marks_move_as_time_passes_though_the_page_is_cached(client, db, monkeypatch):
    forum = ForumFactory()
    first = SessionFactory(forum=forum, title_en="First")
    second = SessionFactory(forum=forum, title_en="Second", starts_at=first.ends_at)
    page = url("delegates:programme", "en", slug=forum.slug)
    monkeypatch.setattr(timezone, "now", lambda: first.starts_at)
    client.get(page)

    monkeypatch.setattr(timezone, "now", lambda: second.starts_at)
    html = client.get(page).content.decode()

    assert f'session--now session--plenary" id="session-{second.pk}"' in html
    assert f'session--now session--plenary" id="session-{first.pk}"' not in html


def test_outside_the_forum_days_nothing_is_marked(client, db, monkeypatch):
    forum = ForumFactory()
    session = SessionFactory(forum=forum)
    monkeypatch.setattr(timezone, "now", lambda: session.starts_at - dt.timedelta(days=30))

    html = client.get(url("delegates:programme", "en", slug=forum.slug)).content.decode()

    assert "session--now" not in html and "session--next" not in html


def test_an_english_page_falls_back_to_thai_where_the_english_is_empty_never_blank(client, db):
    forum = ForumFactory(theme_en="")
    session = SessionFactory(forum=forum, title_th="ช่วงที่ไม่มีชื่ออังกฤษ", title_en="")
    person = PersonFactory(position_en="", position_th="ตำแหน่งภาษาไทย")
    ParticipationFactory(forum=forum, person=person)
    SessionRoleFactory(session=session, person=person)

    programme = client.get(url("delegates:programme", "en", slug=forum.slug)).content.decode()
    forum_page = client.get(url("delegates:forum", "en", slug=forum.slug)).content.decode()

    assert "ช่วงที่ไม่มีชื่ออังกฤษ" in programme
    assert "ตำแหน่งภาษาไทย" in programme
    assert "ขับเคลื่อนการดำเนินการระดับท้องถิ่น" in forum_page


def test_a_change_to_a_session_shows_at_once_on_the_cached_programme(client, db):
    forum = ForumFactory()
    session = SessionFactory(forum=forum, title_en="Before")
    page = url("delegates:programme", "en", slug=forum.slug)
    client.get(page)

    session.title_en = "After"
    object_save(obj=session)

    assert "After" in client.get(page).content.decode()


@pytest.mark.parametrize("change", ["room", "person", "role", "consent", "forum"])
def test_a_change_to_anything_the_programme_shows_renews_the_cached_page(client, db, change):
    forum = ForumFactory()
    session = SessionFactory(forum=forum)
    person = PersonFactory(first_name_en="Somsak")
    participation = ParticipationFactory(forum=forum, person=person)
    role = SessionRoleFactory(session=session, person=person)
    page = url("delegates:programme", "en", slug=forum.slug)
    before = client.get(page).content.decode()

    # Through the services, as every write is.
    if change == "room":
        session.room.name_en = "Renamed room"
        object_save(obj=session.room)
    elif change == "person":
        person.first_name_en = "Renamed"
        object_save(obj=person)
    elif change == "role":
        objects_delete(objs=[role])
    elif change == "consent":
        participation.consents_to_public_listing = False
        object_save(obj=participation)
    else:
        forum.title_en = "Renamed forum"
        object_save(obj=forum)
    after = client.get(page).content.decode()

    assert after != before
    assert ("Somsak" in after) == (change in ("room", "forum"))


def test_my_programme_shows_the_sessions_named_and_offers_them_as_a_calendar(client, db):
    forum = ForumFactory()
    chosen = SessionFactory(forum=forum, title_en="Chosen")
    SessionFactory(forum=forum, title_en="Skipped")
    elsewhere = SessionFactory(title_en="Elsewhere")
    page = url("delegates:my_programme", "en", slug=forum.slug)

    html = client.get(page, {"sessions": f"{chosen.pk},{elsewhere.pk}"}).content.decode()

    assert "Chosen" in html
    assert "Skipped" not in html and "Elsewhere" not in html
    assert f"programme.ics?sessions={chosen.pk}" in html
    assert f"webcal://testserver/forums/{forum.slug}/programme.ics?sessions={chosen.pk}" in html


def test_my_programme_with_nothing_saved_says_how_to_save_sessions(client, db):
    forum = ForumFactory()

    html = client.get(url("delegates:my_programme", "en", slug=forum.slug)).content.decode()

    assert "You have not saved any session yet." in html


def test_my_programme_with_a_malformed_list_says_what_is_wrong(client, db):
    forum = ForumFactory()

    response = client.get(url("delegates:my_programme", "en", slug=forum.slug), {"sessions": "1;2"})

    assert response.status_code == 200
    assert "“sessions” must list session numbers separated by commas" in response.content.decode()


def test_public_pages_have_no_inline_script_style_or_event_handler(client, demo_db):
    for page in demo_pages("en"):
        html = client.get(page).content.decode()

        assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None, page
        assert re.search(r"<style\b|\sstyle=", html) is None, page
        assert re.search(r"\son[a-z]+=", html) is None, page
