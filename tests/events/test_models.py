import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from events.models import Forum, Session
from tests.factories import (
    BANGKOK,
    ForumFactory,
    ForumSeriesFactory,
    FrameworkFactory,
    OutcomeDocumentFactory,
    PriorityFactory,
    RelatedEventFactory,
    RoomFactory,
    SessionFactory,
    VenueFactory,
)
from tests.helpers import validation_messages

pytestmark = pytest.mark.django_db


ON_POSTGRESQL = connection.vendor == "postgresql"


def bangkok(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2019, 8, day, hour, minute, tzinfo=BANGKOK)


# Forum


def test_forum_ending_before_it_starts_is_rejected_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ForumFactory(start_date=dt.date(2019, 8, 28), end_date=dt.date(2019, 8, 26))


def test_forum_ending_before_it_starts_fails_validation_with_a_clear_message():
    forum = ForumFactory.build(
        series=ForumSeriesFactory(),
        venue=VenueFactory(),
        start_date=dt.date(2019, 8, 28),
        end_date=dt.date(2019, 8, 26),
    )

    assert "The forum cannot end before it starts." in validation_messages(forum)


def test_forum_of_a_single_day_is_accepted():
    forum = ForumFactory(start_date=dt.date(2019, 8, 26), end_date=dt.date(2019, 8, 26))

    forum.full_clean()
    assert Forum.objects.filter(pk=forum.pk).exists()


def test_two_forums_cannot_share_a_slug():
    ForumFactory(slug="amf-5")

    with pytest.raises(IntegrityError), transaction.atomic():
        ForumFactory(slug="amf-5")


def test_a_duplicate_forum_slug_fails_validation_on_the_slug_field():
    ForumFactory(slug="amf-5")
    duplicate = ForumFactory.build(series=ForumSeriesFactory(), venue=VenueFactory(), slug="amf-5")

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    with translation.override("en"):
        assert caught.value.message_dict["slug"] == ["Forum with this Slug already exists."]


def test_a_series_cannot_have_two_forums_with_the_same_edition():
    series = ForumSeriesFactory()
    ForumFactory(series=series, edition=5, slug="amf-5")

    with pytest.raises(IntegrityError), transaction.atomic():
        ForumFactory(series=series, edition=5, slug="amf-5-again")


def test_a_duplicate_edition_fails_validation_with_a_clear_message():
    series = ForumSeriesFactory()
    ForumFactory(series=series, edition=5, slug="amf-5")
    duplicate = ForumFactory.build(series=series, venue=VenueFactory(), edition=5, slug="other")

    assert "This series already has a forum with that edition." in validation_messages(duplicate)


def test_the_same_edition_number_is_allowed_in_another_series():
    ForumFactory(edition=5, slug="amf-5")
    other_series = ForumSeriesFactory(slug="smart-cities", name_en="Smart Cities Forum")

    forum = ForumFactory(series=other_series, edition=5, slug="scf-5")

    assert forum.pk is not None


def test_forum_time_zone_rejects_an_unknown_zone():
    forum = ForumFactory.build(
        series=ForumSeriesFactory(), venue=VenueFactory(), time_zone="Mars/Olympus"
    )

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        forum.full_clean()
    with translation.override("en"):
        assert caught.value.message_dict["time_zone"] == [
            "“Mars/Olympus” is not a known time zone."
        ]


def test_forum_time_zone_accepts_an_iana_zone():
    forum = ForumFactory(time_zone="Asia/Jakarta")

    forum.full_clean()
    assert forum.zone == zoneinfo.ZoneInfo("Asia/Jakarta")


def test_forum_zone_defaults_to_bangkok():
    forum = ForumFactory()

    assert forum.zone == zoneinfo.ZoneInfo("Asia/Bangkok")
    assert dt.datetime(2019, 8, 26, 2, 0, tzinfo=dt.UTC).astimezone(forum.zone).hour == 9


def test_published_forums_leave_out_unpublished_ones():
    shown = ForumFactory(is_published=True)
    ForumFactory(is_published=False)

    assert list(Forum.objects.published()) == [shown]


def test_upcoming_forums_include_one_still_running_and_list_the_soonest_first():
    today = dt.date(2019, 8, 27)
    later = ForumFactory(start_date=dt.date(2019, 11, 1), end_date=dt.date(2019, 11, 2))
    running = ForumFactory(start_date=dt.date(2019, 8, 26), end_date=dt.date(2019, 8, 27))
    ForumFactory(start_date=dt.date(2019, 8, 1), end_date=dt.date(2019, 8, 26))

    assert list(Forum.objects.upcoming(today=today)) == [running, later]


def test_past_forums_are_those_ended_before_today_most_recent_first():
    today = dt.date(2019, 8, 27)
    older = ForumFactory(start_date=dt.date(2018, 9, 1), end_date=dt.date(2018, 9, 2))
    recent = ForumFactory(start_date=dt.date(2019, 8, 1), end_date=dt.date(2019, 8, 26))
    ForumFactory(start_date=dt.date(2019, 8, 26), end_date=dt.date(2019, 8, 27))

    assert list(Forum.objects.past(today=today)) == [recent, older]


# Session


def test_session_ending_before_it_starts_is_rejected_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(starts_at=bangkok(26, 10), ends_at=bangkok(26, 9))


def test_session_ending_when_it_starts_is_rejected_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(starts_at=bangkok(26, 10), ends_at=bangkok(26, 10))


def test_session_ending_when_it_starts_fails_validation_with_a_clear_message():
    forum = ForumFactory()
    session = SessionFactory.build(
        forum=forum, room=None, starts_at=bangkok(26, 10), ends_at=bangkok(26, 10)
    )

    assert "A session must end after it starts." in validation_messages(session)


def test_session_late_on_the_forums_last_day_in_bangkok_is_inside_the_forum():
    # 23:30 in Bangkok is 16:30 UTC, so the day must be counted in the forum's zone either way.
    forum = ForumFactory(end_date=dt.date(2019, 8, 28))

    session = SessionFactory(
        forum=forum, starts_at=bangkok(28, 22, 30), ends_at=bangkok(28, 23, 30)
    )

    session.full_clean()
    assert Session.objects.filter(pk=session.pk).exists()


def test_session_early_on_the_forums_first_day_in_bangkok_is_inside_though_utc_says_the_eve():
    # 06:30 on 26 August in Bangkok is still 25 August in UTC.
    forum = ForumFactory(start_date=dt.date(2019, 8, 26))

    session = SessionFactory(forum=forum, starts_at=bangkok(26, 6, 30), ends_at=bangkok(26, 7, 30))

    session.full_clean()
    assert Session.objects.filter(pk=session.pk).exists()


def test_session_just_after_midnight_following_the_last_day_is_outside_the_forum():
    # 00:30 on 29 August in Bangkok is still 28 August in UTC: only the forum's zone rejects it.
    forum = ForumFactory(end_date=dt.date(2019, 8, 28))
    session = SessionFactory.build(
        forum=forum, room=None, starts_at=bangkok(29, 0, 30), ends_at=bangkok(29, 1, 30)
    )

    if ON_POSTGRESQL:
        with (
            pytest.raises(IntegrityError, match=r"outside the dates of forum"),
            transaction.atomic(),
        ):
            session.save()
        assert not Session.objects.filter(forum=forum).exists()
    else:
        # SQLite has no trigger: the row is stored and only model validation objects.
        session.save()
        assert Session.objects.filter(pk=session.pk).exists()

    assert (
        "The session must take place between 26 August 2019 and 28 August 2019, the forum's dates."
        in validation_messages(session)
    )


def test_session_starting_the_evening_before_the_forum_is_outside_it():
    forum = ForumFactory(start_date=dt.date(2019, 8, 26))
    session = SessionFactory.build(
        forum=forum, room=None, starts_at=bangkok(25, 23, 30), ends_at=bangkok(26, 0, 30)
    )

    if ON_POSTGRESQL:
        with pytest.raises(IntegrityError), transaction.atomic():
            session.save()
        assert not Session.objects.filter(forum=forum).exists()
    else:
        session.save()
        assert Session.objects.filter(pk=session.pk).exists()

    assert any("the forum's dates" in message for message in validation_messages(session))


def test_moving_a_session_outside_its_forum_by_a_queryset_update_is_caught():
    forum = ForumFactory(end_date=dt.date(2019, 8, 28))
    session = SessionFactory(forum=forum, starts_at=bangkok(28, 9), ends_at=bangkok(28, 10))

    def move():
        Session.objects.filter(pk=session.pk).update(
            starts_at=bangkok(30, 9), ends_at=bangkok(30, 10)
        )

    if ON_POSTGRESQL:
        with pytest.raises(IntegrityError), transaction.atomic():
            move()
        session.refresh_from_db()
        assert session.starts_at == bangkok(28, 9)
    else:
        move()
        session.refresh_from_db()
        assert session.starts_at == bangkok(30, 9)
        assert any("the forum's dates" in message for message in validation_messages(session))


def test_moving_a_forums_dates_away_from_its_sessions_is_caught():
    forum = ForumFactory(start_date=dt.date(2019, 8, 26), end_date=dt.date(2019, 8, 28))
    session = SessionFactory(forum=forum, starts_at=bangkok(26, 9), ends_at=bangkok(26, 10))
    forum.start_date = dt.date(2019, 8, 27)

    if ON_POSTGRESQL:
        with pytest.raises(IntegrityError), transaction.atomic():
            forum.save()
        forum.refresh_from_db()
        assert forum.start_date == dt.date(2019, 8, 26)
    else:
        # Nothing in SQLite guards the forum's side; the session then fails validation.
        forum.save()
        session.refresh_from_db()
        assert session.forum.start_date == dt.date(2019, 8, 27)
        assert any("the forum's dates" in message for message in validation_messages(session))


def test_changing_a_forums_time_zone_so_its_sessions_fall_outside_is_caught():
    # 09:00 on 26 August in Bangkok is 22:00 on 25 August in New York.
    forum = ForumFactory(start_date=dt.date(2019, 8, 26), end_date=dt.date(2019, 8, 28))
    session = SessionFactory(forum=forum, starts_at=bangkok(26, 9), ends_at=bangkok(26, 10))
    forum.time_zone = "America/New_York"

    if ON_POSTGRESQL:
        with pytest.raises(IntegrityError), transaction.atomic():
            forum.save()
        forum.refresh_from_db()
        assert forum.time_zone == "Asia/Bangkok"
    else:
        forum.save()
        session.refresh_from_db()
        assert any("the forum's dates" in message for message in validation_messages(session))


def test_moving_a_forums_dates_while_keeping_its_sessions_inside_is_allowed():
    forum = ForumFactory(start_date=dt.date(2019, 8, 26), end_date=dt.date(2019, 8, 28))
    SessionFactory(forum=forum, starts_at=bangkok(27, 9), ends_at=bangkok(27, 10))
    forum.start_date = dt.date(2019, 8, 27)
    forum.end_date = dt.date(2019, 8, 27)

    forum.save()

    forum.refresh_from_db()
    assert (forum.start_date, forum.end_date) == (dt.date(2019, 8, 27), dt.date(2019, 8, 27))


def test_sessions_in_programme_order_go_by_start_time_then_set_order():
    forum = ForumFactory()
    afternoon = SessionFactory(forum=forum, starts_at=bangkok(26, 14), order=0)
    second_at_nine = SessionFactory(forum=forum, starts_at=bangkok(26, 9), order=2)
    first_at_nine = SessionFactory(forum=forum, starts_at=bangkok(26, 9), order=1)
    next_day = SessionFactory(forum=forum, starts_at=bangkok(27, 8), order=0)

    assert list(Session.objects.in_programme_order()) == [
        first_at_nine,
        second_at_nine,
        afternoon,
        next_day,
    ]


# Venue and room


def test_a_venue_cannot_have_two_rooms_of_the_same_name():
    venue = VenueFactory()
    RoomFactory(venue=venue, name_th="ห้องประชุม 1")

    with pytest.raises(IntegrityError), transaction.atomic():
        RoomFactory(venue=venue, name_th="ห้องประชุม 1")


def test_a_duplicate_room_name_fails_validation():
    venue = VenueFactory()
    RoomFactory(venue=venue, name_th="ห้องประชุม 1", name_en="Meeting Room 1")
    duplicate = RoomFactory.build(venue=venue, name_th="ห้องประชุม 1", name_en="Meeting Room 1")

    assert "Room with this Venue and Name already exists." in validation_messages(duplicate)


def test_a_venue_cannot_have_two_rooms_of_the_same_english_name():
    # modeltranslation copies the constraint to each language's column.
    venue = VenueFactory()
    RoomFactory(venue=venue, name_th="ห้องประชุม 1", name_en="Main Hall")

    with pytest.raises(IntegrityError), transaction.atomic():
        RoomFactory(venue=venue, name_th="ห้องประชุม 2", name_en="Main Hall")


def test_two_venues_may_each_have_a_room_of_the_same_name():
    RoomFactory(name_th="ห้องประชุม 1")

    room = RoomFactory(name_th="ห้องประชุม 1")

    assert room.pk is not None


# Context


def test_related_event_ending_before_it_starts_is_rejected_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedEventFactory(start_date=dt.date(2019, 10, 17), end_date=dt.date(2019, 10, 15))


def test_related_event_ending_before_it_starts_fails_validation_with_a_clear_message():
    event = RelatedEventFactory.build(
        forum=ForumFactory(), start_date=dt.date(2019, 10, 17), end_date=dt.date(2019, 10, 15)
    )

    assert "The event cannot end before it starts." in validation_messages(event)


def test_related_event_without_dates_is_accepted():
    event = RelatedEventFactory(start_date=None, end_date=None)

    event.full_clean()
    assert event.pk is not None


def test_a_forum_cannot_have_two_priorities_in_the_same_place():
    forum = ForumFactory()
    PriorityFactory(forum=forum, order=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        PriorityFactory(forum=forum, order=1)


# Readable names


def test_room_reads_as_venue_then_room():
    room = RoomFactory(
        venue=VenueFactory(name_th="ศูนย์การประชุมสหประชาชาติ", name_en="UN Conference Centre"),
        name_th="ห้องประชุมใหญ่",
        name_en="Main Hall",
    )

    assert str(room) == "ศูนย์การประชุมสหประชาชาติ: ห้องประชุมใหญ่"
    with translation.override("en"):
        assert str(room) == "UN Conference Centre: Main Hall"


def test_events_models_read_as_their_names_in_the_active_language():
    forum = ForumFactory(title_th="การประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5", title_en="5th AMF")
    things = {
        forum.series: ("การประชุมนายกเทศมนตรีอาเซียน", "ASEAN Mayors Forum"),
        forum.venue: (forum.venue.name_th, forum.venue.name_en),
        forum: ("การประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5", "5th AMF"),
        SessionFactory(forum=forum, title_th="พิธีเปิด", title_en="Opening"): (
            "พิธีเปิด",
            "Opening",
        ),
        PriorityFactory(forum=forum, title_th="ความยั่งยืน", title_en="Sustainability"): (
            "ความยั่งยืน",
            "Sustainability",
        ),
        FrameworkFactory(name_th="เครือข่ายเมืองอัจฉริยะอาเซียน", name_en="ASCN"): (
            "เครือข่ายเมืองอัจฉริยะอาเซียน",
            "ASCN",
        ),
        OutcomeDocumentFactory(forum=forum): ("แถลงการณ์ร่วม", "Joint statement"),
        RelatedEventFactory(forum=forum): (
            "การประชุมเมืองเอเชียแปซิฟิก",
            "Asia-Pacific Urban Forum",
        ),
    }

    for instance, (thai, english) in things.items():
        assert str(instance) == thai
        with translation.override("en"):
            assert str(instance) == english


def test_a_forum_names_its_dates_in_the_active_languages_era():
    forum = ForumFactory(start_date=dt.date(2019, 8, 26), end_date=dt.date(2019, 8, 28))

    with translation.override("th"):
        thai = forum.dates_display()
    with translation.override("en"):
        english = forum.dates_display(spaced=True)

    assert (thai, english) == ("26–28 สิงหาคม 2562", "26 – 28 August 2019")


def test_a_venue_is_named_with_its_city_as_each_language_writes_it():
    venue = VenueFactory(
        name_th="ศูนย์ประชุมสหประชาชาติ",
        city_th="กรุงเทพมหานคร",
        name_en="United Nations Conference Centre",
        city_en="Bangkok",
    )

    with translation.override("th"):
        thai = venue.name_and_city
    with translation.override("en"):
        english = venue.name_and_city

    assert thai == "ศูนย์ประชุมสหประชาชาติ กรุงเทพมหานคร"
    assert english == "United Nations Conference Centre, Bangkok"
