"""The seating plan's page in chromium: drawn inside the page, legible on a phone, and a seat
dragged onto another with the mouse swaps the two (the forms do the same without script)."""

import pytest
from django.contrib.auth.models import Permission

from delegates.models import Seat, SeatingPlan
from delegates.services.seating import seating_plan_propose
from tests import factories

PASSWORD = "correct horse battery staple"


@pytest.fixture
def plan(live_site):
    session = factories.SessionFactory()
    for precedence, name in enumerate(["Anupong", "Aswin", "Bernadia", "Armida", "Pirkka"], 1):
        participation = factories.ParticipationFactory(
            forum=session.forum, precedence=precedence, person__first_name_en=name
        )
        if precedence <= 2:
            factories.SessionRoleFactory(session=session, person=participation.person)
    return seating_plan_propose(plan=SeatingPlan(session=session, row_width=12))


def open_plan(chromium, live_site, plan, *, may_move: bool, width: int):
    user = factories.UserFactory(username=f"desk-{width}", is_staff=True)
    actions = ["view", "change"] if may_move else ["view"]
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=[f"{a}_seatingplan" for a in actions])
    )
    page = chromium.new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto(f"{live_site}/en/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_site}/en/admin/delegates/seatingplan/{plan.pk}/change/")
    return page


def test_dragging_a_seat_onto_another_swaps_them(chromium, live_site, plan):
    page = open_plan(chromium, live_site, plan, may_move=True, width=1366)
    minister = Seat.objects.get(plan=plan, participation__person__first_name_en="Anupong")
    empty = Seat.objects.filter(plan=plan, row=1, participation=None).first()

    page.locator(f"g[data-seat='{minister.pk}']").drag_to(
        page.locator(f"g[data-seat='{empty.pk}']")
    )
    page.wait_for_selector(".messagelist")

    assert Seat.objects.get(pk=empty.pk).participation.person.first_name_en == "Anupong"
    assert Seat.objects.get(pk=minister.pk).participation is None
    assert "swapped" in page.locator(".messagelist").inner_text()


def test_on_a_phone_the_plan_opens_at_its_centre_and_the_page_does_not_overflow(
    chromium, live_site, plan
):
    page = open_plan(chromium, live_site, plan, may_move=False, width=360)

    picture = page.locator(".seating .picture")
    scroll = picture.evaluate("p => [p.scrollLeft, p.scrollWidth, p.clientWidth]")
    overflow = page.evaluate("document.documentElement.scrollWidth")

    assert scroll[1] > scroll[2] and abs(scroll[0] - (scroll[1] - scroll[2]) / 2) <= 1
    assert overflow <= 360
    # The first in precedence, in the centre of the head table, is in view.
    box = page.locator("g[data-row='0'] >> nth=1").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert not page.locator("g.dragging").count()
    assert not page.locator(".picture.movable").count()
