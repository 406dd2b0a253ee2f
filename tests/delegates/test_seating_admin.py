"""The seating plan's admin page: who sees it, who moves people, and what a bad move gets."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from delegates.models import Seat, SeatingPlan
from delegates.services.seating import seating_plan_propose
from tests import factories

pytestmark = pytest.mark.django_db

# The session, user and site's context, the plan, its seats with the people in them (twice:
# the picture, and the forms' choices), the forum's participants, those without a seat, the
# latest moves, and the audit trail's version for the form.
QUERIES = 12


@pytest.fixture(autouse=True)
def _in_english():
    # Addresses under /en/, and messages matched as written in the code.
    with translation.override("en"):
        yield


def staff(client, role: str):
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


def hall(delegates: int) -> SeatingPlan:
    session = factories.SessionFactory()
    speaker = factories.ParticipationFactory(
        forum=session.forum, precedence=1, person__first_name_en="Anupong"
    )
    factories.SessionRoleFactory(session=session, person=speaker.person)
    for number in range(delegates):
        factories.ParticipationFactory(
            forum=session.forum,
            precedence=10 + number,
            person__first_name_en=f"Delegate{number}",
            delegation=factories.OrganisationFactory(acronym=f"C{number}"),
        )
    return seating_plan_propose(plan=SeatingPlan(session=session, row_width=10))


def page(plan) -> str:
    with translation.override("en"):
        return reverse("admin:delegates_seatingplan_change", args=[plan.pk])


def seats_url(plan) -> str:
    with translation.override("en"):
        return reverse("admin:delegates_seatingplan_seats", args=[plan.pk])


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_registrar_adds_a_plan_for_a_session_and_it_is_proposed_from_precedence(client):
    session = factories.SessionFactory()
    speaker = factories.ParticipationFactory(forum=session.forum, precedence=1)
    factories.SessionRoleFactory(session=session, person=speaker.person)
    factories.ParticipationFactory(forum=session.forum, precedence=5)
    user = staff(client, "Registrar")

    with translation.override("en"):
        response = client.post(
            reverse("admin:delegates_seatingplan_add"),
            {"session": session.pk, "row_width": 6, "audience": "confirmed", "edit_version": 0},
        )

    assert response.status_code == 302
    plan = SeatingPlan.objects.get(session=session)
    assert Seat.objects.get(plan=plan, row=0).participation == speaker
    assert Seat.objects.filter(plan=plan, row=1).occupied().count() == 1
    assert plan.history.latest().history_user == user


def test_every_role_sees_the_plan_drawn_in_the_page_with_its_convention(client):
    plan = hall(3)
    staff(client, "Viewer")

    with translation.override("en"):
        response = client.get(page(plan))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in content and "Anupong" in content and "Delegate2" in content
    assert "the audience&#x27;s left" in content or "the audience's left" in content
    # Names only: no one's email or phone.
    assert "@example.org" not in content
    # A reader gets no form of moves.
    assert 'name="action" value="swap"' not in content


def test_a_viewer_cannot_move_anyone(client):
    plan = hall(2)
    staff(client, "Viewer")
    first, second = Seat.objects.filter(plan=plan).occupied()[:2]

    response = client.post(
        seats_url(plan), {"action": "swap", "first": first.pk, "second": second.pk}
    )

    assert response.status_code == 403
    assert Seat.objects.get(pk=first.pk).participation == first.participation


def test_the_registrar_swaps_two_seats_from_the_page(client):
    plan = hall(2)
    staff(client, "Registrar")
    first, second = Seat.objects.filter(plan=plan).occupied()[:2]

    response = client.post(
        seats_url(plan), {"action": "swap", "first": first.pk, "second": second.pk}
    )

    assert response.status_code == 302 and response["Location"] == page(plan)
    assert Seat.objects.get(pk=first.pk).participation == second.participation


def test_seating_someone_already_seated_is_refused_with_a_clear_message(client):
    plan = hall(2)
    staff(client, "Registrar")
    taken = Seat.objects.filter(plan=plan, row=1).occupied().first()
    empty = Seat.objects.filter(plan=plan, participation=None).first()

    with translation.override("en"):
        response = client.post(
            seats_url(plan),
            {"action": "assign", "seat": empty.pk, "participation": taken.participation_id},
        )

    assert response.status_code == 302
    assert any(f"already sits at {taken.label}" in message for message in said(response))
    assert Seat.objects.get(pk=empty.pk).participation is None


def test_a_forged_participant_of_another_forum_is_refused(client):
    plan = hall(1)
    stranger = factories.ParticipationFactory()
    staff(client, "Registrar")
    empty = Seat.objects.filter(plan=plan, participation=None).first()

    with translation.override("en"):
        response = client.post(
            seats_url(plan), {"action": "assign", "seat": empty.pk, "participation": stranger.pk}
        )

    assert any("does not take part in this session's forum" in m for m in said(response))
    assert not Seat.objects.filter(participation=stranger).exists()


@pytest.mark.parametrize("value", ["999999999", "x", "1e3", "", "-1"])
def test_a_seat_of_another_plan_or_no_seat_is_refused(client, value):
    plan, other = hall(1), hall(1)
    staff(client, "Registrar")
    foreign = Seat.objects.filter(plan=other).occupied().first()
    seat = value or str(foreign.pk)

    with translation.override("en"):
        response = client.post(
            seats_url(plan), {"action": "assign", "seat": seat, "participation": ""}
        )

    assert response.status_code == 302
    assert any("Choose a seat of this plan" in message for message in said(response))
    assert Seat.objects.get(pk=foreign.pk).participation is not None


def test_emptying_a_seat_and_proposing_again_puts_everyone_back(client):
    plan = hall(2)
    staff(client, "Registrar")
    seat = Seat.objects.filter(plan=plan, row=0).get()

    client.post(seats_url(plan), {"action": "assign", "seat": seat.pk, "participation": ""})
    assert Seat.objects.get(pk=seat.pk).participation is None
    with translation.override("en"):
        client.post(reverse("admin:delegates_seatingplan_propose", args=[plan.pk]))

    assert Seat.objects.get(pk=seat.pk).participation.person.first_name_en == "Anupong"


def test_the_moves_take_posts_only(client):
    plan = hall(1)
    staff(client, "Registrar")

    with translation.override("en"):
        propose = client.get(reverse("admin:delegates_seatingplan_propose", args=[plan.pk]))
    assert client.get(seats_url(plan)).status_code == 405
    assert propose.status_code == 405


def test_a_hall_too_small_lists_who_has_no_seat(client):
    plan = hall(4)
    plan.rows, plan.row_width = 1, 2
    seating_plan_propose(plan=plan)
    staff(client, "Viewer")

    with translation.override("en"):
        content = client.get(page(plan)).content.decode()

    assert "Without a seat:" in content
    assert "Delegate2" in content and "Delegate3" in content


@pytest.mark.parametrize("delegates", [5, 80])
def test_the_plan_page_takes_the_same_queries_for_a_small_and_a_large_hall(
    admin_client, django_assert_num_queries, delegates
):
    plan = hall(delegates)
    url = page(plan)
    admin_client.get(url)

    with django_assert_num_queries(QUERIES):
        response = admin_client.get(url)

    assert response.status_code == 200
    assert f"Delegate{delegates - 1}" in response.content.decode()


def test_a_plan_with_nobody_seated_prints_no_cards_and_says_why(client):
    plan = seating_plan_propose(
        plan=SeatingPlan(session=factories.SessionFactory(), row_width=4, rows=1)
    )
    staff(client, "Viewer")

    response = client.post(reverse("admin:delegates_seatingplan_place_cards", args=[plan.pk]))

    assert response.status_code == 302 and response["Location"] == page(plan)
    assert any("Nobody is seated in this plan yet" in message for message in said(response))
