"""The forum's page and programme offer the form exactly while registration is open, though
both are kept in the cache: the registration's state is part of what they are kept under."""

import datetime as dt
import threading
import time
from unittest import mock

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from delegates.models import ForumRegistration, Participation
from delegates.models.registration import RegistrationState
from delegates.services.self_registration import (
    Registrant,
    RegistrationRefused,
    participation_self_register,
)
from events.models import Forum
from tests.factories import ForumFactory, ForumRegistrationFactory, ParticipationFactory

REGISTER = "ลงทะเบียนเข้าร่วมการประชุมนี้"


@pytest.fixture
def settings_row(db):
    now = timezone.now()
    return ForumRegistrationFactory(
        forum=ForumFactory(slug="amf-2026"),
        opens_at=now + dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(hours=5),
    )


def pages(forum):
    with translation.override("th"):
        return [reverse("delegates:forum", args=[forum.slug]),
                reverse("delegates:programme", args=[forum.slug])]  # fmt: skip


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def shown(client, forum) -> list[str]:
    return [client.get(page).content.decode() for page in pages(forum)]


def test_the_link_appears_at_opening_and_goes_at_closing_with_no_change_to_the_forum(
    client, settings_row, django_assert_num_queries
):
    forum = settings_row.forum
    stamp = Forum.objects.get(pk=forum.pk).updated_at
    register_url = reverse("delegates:register", args=[forum.slug])

    before = shown(client, forum)
    with at(settings_row.opens_at + dt.timedelta(minutes=1)):
        during = shown(client, forum)
    with at(settings_row.closes_at):
        after = shown(client, forum)

    for html in before:
        assert "เปิดรับลงทะเบียนวันที่" in html and register_url not in html
    for html in during:
        assert REGISTER in html and register_url in html
    for html in after:
        assert REGISTER not in html and register_url not in html
    assert Forum.objects.get(pk=forum.pk).updated_at == stamp


def test_a_cached_page_costs_no_query_for_the_registration_state(
    client, settings_row, django_assert_num_queries
):
    (page, _programme) = pages(settings_row.forum)
    client.get(page)

    with django_assert_num_queries(1):  # the forum's version; the window is kept with the page
        client.get(page)


def test_the_registration_that_takes_the_last_seat_withdraws_the_link_and_others_move_nothing(
    client, settings_row
):
    forum = settings_row.forum
    settings_row.opens_at = timezone.now() - dt.timedelta(hours=1)
    settings_row.capacity = 2
    settings_row.save()
    ParticipationFactory(forum=forum, registration_status="invited")
    stamp = Forum.objects.get(pk=forum.pk).updated_at
    assert all(REGISTER in html for html in shown(client, forum))

    participation_self_register(
        forum_id=forum.pk, registrant=Registrant(email="a@example.org"), language="th"
    )
    assert Forum.objects.get(pk=forum.pk).updated_at == stamp
    participation_self_register(
        forum_id=forum.pk, registrant=Registrant(email="b@example.org"), language="th"
    )

    assert Forum.objects.get(pk=forum.pk).updated_at > stamp
    for html in shown(client, forum):
        assert REGISTER not in html and "การลงทะเบียนเต็มแล้ว" in html


def test_changing_the_settings_in_the_admin_moves_the_forums_version(admin_client, settings_row):
    forum = settings_row.forum
    stamp = Forum.objects.get(pk=forum.pk).updated_at
    url = reverse("admin:delegates_forumregistration_change", args=[settings_row.pk])
    data = {
        "forum": forum.pk,
        "is_open": "",
        "opens_at": "2026-01-01 09:00",
        "closes_at": "2026-02-01 17:00",
        "capacity": "",
        "note_th": "",
        "note_en": "",
    }

    with translation.override("en"):
        response = admin_client.post(url.replace("/th/", "/en/"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Forum.objects.get(pk=forum.pk).updated_at > stamp


# Serialized rollback puts back the migrations' rows (countries, roles) for the tests after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_registrations_for_the_last_seat_at_once_get_one_seat_on_postgresql():
    assert connection.vendor == "postgresql"
    now = timezone.now()
    settings_row = ForumRegistrationFactory(
        forum=ForumFactory(slug="amf-race"),
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(hours=1),
        capacity=1,
    )
    # Each counts the seats, then waits, so that without the lock both would see one free.
    counted = ForumRegistration.seats_taken

    def slow_count(self):
        seats = counted(self)
        time.sleep(0.5)
        return seats

    start = threading.Barrier(2)
    outcomes = []

    def register(email):
        start.wait()
        try:
            participation_self_register(
                forum_id=settings_row.forum_id,
                registrant=Registrant(email=email),
                language="th",
            )
            outcomes.append("registered")
        except RegistrationRefused as refused:
            outcomes.append(refused.state)
        finally:
            connection.close()

    with mock.patch.object(ForumRegistration, "seats_taken", slow_count):
        threads = [threading.Thread(target=register, args=(f"{n}@example.org",)) for n in (1, 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sorted(outcomes) == sorted(["registered", RegistrationState.FULL])
    assert Participation.objects.filter(forum_id=settings_row.forum_id).count() == 1
