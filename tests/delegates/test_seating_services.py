"""Seating plans as the services write them: proposed from precedence, moved by staff."""

import pytest
from django.utils import translation

from delegates.models import Seat, SeatingPlan
from delegates.services.seating import (
    SeatingError,
    seat_assign,
    seating_plan_propose,
    seats_swap,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    # The messages are matched as written in the code.
    with translation.override("en"):
        yield


@pytest.fixture
def hall():
    """A session of a forum hosted by a city: its governor, a speaking minister, delegates."""
    session = factories.SessionFactory()
    forum = session.forum
    city = factories.OrganisationFactory(name_en="Bangkok Metropolitan Administration")
    factories.ForumPartnerFactory(forum=forum, organisation=city, role="host")

    def take_part(name, precedence, **values):
        return factories.ParticipationFactory(
            forum=forum, precedence=precedence, person__first_name_en=name, **values
        )

    people = {
        "minister": take_part("Anupong", 1, role="speaker"),
        "governor": take_part("Aswin", 2, role="host", delegation=city),
        "co_host": take_part("Bernadia", 3, role="host"),
        "mayor": take_part("Maria", 10),
        "deputy": take_part("Budi", 11),
        "invited": take_part("Ivan", 12, registration_status="invited"),
        "cancelled": take_part("Carla", 4, registration_status="cancelled"),
        "staff": take_part("Woranan", 1000, role="staff"),
        "press": take_part("Mei", 900, role="media"),
    }
    factories.SessionRoleFactory(session=session, person=people["minister"].person)
    return session, people


def seated(plan) -> dict[str, str]:
    return {
        seat.participation.person.first_name_en: seat.label
        for seat in Seat.objects.filter(plan=plan).occupied().with_people()
    }


def test_a_proposed_plan_seats_the_speaker_and_the_host_at_the_head_table(hall):
    session, people = hall
    user = factories.UserFactory()

    plan = seating_plan_propose(plan=SeatingPlan(session=session, row_width=4), user=user)

    assert set(seated(plan)) == {"Anupong", "Aswin", "Bernadia", "Maria", "Budi"}
    head = Seat.objects.filter(plan=plan, row=0).order_by("position")
    # Two at the table: the Minister right of the middle, the Governor at his right.
    assert [seat.participation for seat in head] == [people["governor"], people["minister"]]
    # The co-host, not the host, and the confirmed delegates fill the front row from its centre.
    front = Seat.objects.filter(plan=plan, row=1).order_by("position")
    assert [seat.participation_id for seat in front] == [
        None,
        people["mayor"].pk,
        people["co_host"].pk,
        people["deputy"].pk,
    ]
    assert plan.proposed_at is not None
    assert Seat.history.filter(plan_id=plan.pk, history_user=user).count() == 6
    assert plan.history.latest().history_user == user


def test_the_audience_chooses_who_sits_in_the_rows(hall):
    session, people = hall
    factories.AttendanceFactory(participation=people["invited"], day=session.forum.start_date)

    registered = seating_plan_propose(
        plan=SeatingPlan(session=session, row_width=4, audience="checked_in")
    )

    assert set(seated(registered)) == {"Anupong", "Aswin", "Ivan"}


def test_proposing_again_with_other_sizes_replaces_the_seats_and_keeps_their_history(hall):
    session, _people = hall
    plan = seating_plan_propose(plan=SeatingPlan(session=session, row_width=4))
    plan.head_table_size, plan.row_width = 3, 2

    seating_plan_propose(plan=plan)

    places = list(Seat.objects.filter(plan=plan).values_list("row", "position"))
    assert sorted(places) == [(0, 1), (0, 2), (0, 3), (1, 1), (1, 2)]
    with translation.override("en"):
        assert seated(plan) == {
            "Aswin": "Head table, seat 1",
            "Anupong": "Head table, seat 2",
            "Bernadia": "Head table, seat 3",
            "Budi": "Row 1, seat 1",
            "Maria": "Row 1, seat 2",
        }
    assert Seat.history.filter(plan_id=plan.pk, history_type="-").count() == 2


def test_proposing_an_unchanged_plan_again_writes_no_seat(hall):
    session, _people = hall
    plan = seating_plan_propose(plan=SeatingPlan(session=session, row_width=4))
    versions = Seat.history.filter(plan_id=plan.pk).count()

    seating_plan_propose(plan=plan)

    assert Seat.history.filter(plan_id=plan.pk).count() == versions


def test_swapping_two_seats_exchanges_who_sits_there_and_says_so_in_the_history(hall):
    session, people = hall
    plan = seating_plan_propose(plan=SeatingPlan(session=session, row_width=4))
    first = Seat.objects.get(plan=plan, participation=people["minister"])
    second = Seat.objects.get(plan=plan, participation=people["mayor"])
    user = factories.UserFactory()

    seats_swap(first=first, second=second, user=user)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.participation, second.participation) == (people["mayor"], people["minister"])
    latest = first.history.latest()
    assert latest.history_user == user
    assert "Anupong" not in latest.history_change_reason
    assert first.label in latest.history_change_reason


def test_swapping_with_an_empty_seat_moves_the_person(hall):
    session, people = hall
    plan = seating_plan_propose(plan=SeatingPlan(session=session, row_width=4))
    empty = Seat.objects.get(plan=plan, row=1, position=1)
    mayor = Seat.objects.get(plan=plan, participation=people["mayor"])

    seats_swap(first=mayor, second=empty)

    assert Seat.objects.get(pk=empty.pk).participation == people["mayor"]
    assert Seat.objects.get(pk=mayor.pk).participation is None


def test_a_person_already_seated_is_refused_a_second_seat_with_the_seat_named(hall):
    session, people = hall
    plan = seating_plan_propose(plan=SeatingPlan(session=session, row_width=4))
    empty = Seat.objects.get(plan=plan, row=1, position=1)
    where = Seat.objects.get(plan=plan, participation=people["mayor"]).label

    with pytest.raises(SeatingError, match=f"already sits at {where}"):
        seat_assign(seat=empty, participation=people["mayor"])

    assert Seat.objects.get(pk=empty.pk).participation is None


def test_a_participant_of_another_forum_is_refused(hall):
    session, _people = hall
    plan = seating_plan_propose(plan=SeatingPlan(session=session, row_width=4))
    stranger = factories.ParticipationFactory(person__first_name_en="Stranger")
    seat = Seat.objects.get(plan=plan, row=1, position=1)

    with pytest.raises(SeatingError, match="does not take part in this session's forum"):
        seat_assign(seat=seat, participation=stranger)

    assert not Seat.objects.filter(participation=stranger).exists()


def test_a_cancelled_participant_is_refused(hall):
    session, people = hall
    plan = seating_plan_propose(plan=SeatingPlan(session=session, row_width=4))
    seat = Seat.objects.get(plan=plan, row=1, position=1)

    with pytest.raises(SeatingError, match="cancelled"):
        seat_assign(seat=seat, participation=people["cancelled"])


def test_seating_someone_in_a_taken_seat_unseats_its_occupant(hall):
    session, people = hall
    plan = seating_plan_propose(plan=SeatingPlan(session=session, row_width=4))
    seat = Seat.objects.get(plan=plan, participation=people["deputy"])

    seat_assign(seat=seat, participation=people["invited"])

    assert Seat.objects.get(pk=seat.pk).participation == people["invited"]
    assert not Seat.objects.filter(plan=plan, participation=people["deputy"]).exists()


def test_seats_of_two_plans_cannot_be_swapped(hall):
    session, _people = hall
    plan = seating_plan_propose(plan=SeatingPlan(session=session, row_width=4))
    other = seating_plan_propose(
        plan=SeatingPlan(session=factories.SessionFactory(forum=session.forum), row_width=4)
    )

    with pytest.raises(SeatingError, match="same seating plan"):
        seats_swap(
            first=Seat.objects.filter(plan=plan).first(),
            second=Seat.objects.filter(plan=other).first(),
        )


def test_a_seat_cannot_be_swapped_with_itself(hall):
    session, _people = hall
    plan = seating_plan_propose(plan=SeatingPlan(session=session, row_width=4))
    seat = Seat.objects.filter(plan=plan).first()

    with pytest.raises(SeatingError, match="two different seats"):
        seats_swap(first=seat, second=seat)


def test_deleting_a_participation_leaves_its_seat_empty(hall):
    session, people = hall
    plan = seating_plan_propose(plan=SeatingPlan(session=session, row_width=4))
    seat = Seat.objects.get(plan=plan, participation=people["mayor"])

    people["mayor"].delete()

    assert Seat.objects.get(pk=seat.pk).participation is None


def test_the_demo_opening_has_a_plan_with_the_minister_in_the_centre_and_the_governor_at_his_right(
    demo_db,
):
    plan = SeatingPlan.objects.get(session__title_en="Opening address")

    assert seated(plan) == {
        "Aswin": "Head table, seat 1",
        "Anupong": "Head table, seat 2",
        # The co-hosts and the partner, by precedence, from the front row's centre.
        "Armida Salsiah": "Row 1, seat 4",
        "Bernadia Irawati": "Row 1, seat 5",
        "Pirkka": "Row 1, seat 6",
    }
