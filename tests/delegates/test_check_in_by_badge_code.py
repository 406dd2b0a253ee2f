"""Checking in by the code on the badge, scanned or typed, on the check-in page: it works as
checking in by name does (once a day, cancelled refused, who and when recorded), and a code
of another forum, a forged or a garbled one gets a message, never an error page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from delegates.badge_codes import badge_code
from delegates.models import Attendance, Participation
from tests.factories import ForumFactory, ParticipationFactory, UserFactory

pytestmark = pytest.mark.django_db

FIRST_DAY = dt.date(2019, 8, 26)


def check_in_url() -> str:
    with translation.override("en"):
        return reverse("admin:delegates_participation_check_in")


@pytest.fixture
def aswin():
    return ParticipationFactory(person__first_name_en="Aswin", person__last_name_en="Kwanmuang")


def post_code(client, forum, code, **extra):
    data = {"forum": forum.pk, "day": FIRST_DAY.isoformat(), "q": "", "code": code, **extra}
    return client.post(check_in_url(), data, follow=True)


def messages_of(response) -> list[tuple[str, str]]:
    return [(message.tags, message.message) for message in response.context["messages"]]


def test_a_scanned_badge_checks_its_delegate_in_recording_who_and_when(admin_client, aswin):
    response = post_code(admin_client, aswin.forum, badge_code(aswin), scan="1")

    attendance = Attendance.objects.get()
    assert (attendance.participation, attendance.day) == (aswin, FIRST_DAY)
    assert attendance.checked_in_by.username == "admin"
    assert attendance.checked_in_at is not None
    assert messages_of(response) == [
        ("success", "Mr. Aswin Kwanmuang checked in for 26 August 2019.")
    ]
    # After a scan the page asks the camera to go on with the next badge.
    assert response.redirect_chain[-1][0].endswith("scan=1")
    assert response.context["resume_scan"] is True


def test_a_code_typed_from_the_badge_checks_in_without_resuming_the_camera(admin_client, aswin):
    response = post_code(admin_client, aswin.forum, badge_code(aswin).lower())

    assert Attendance.objects.get().participation == aswin
    assert "scan=1" not in response.redirect_chain[-1][0]
    assert response.context["resume_scan"] is False


def test_a_badge_scanned_twice_on_a_day_checks_in_once_and_says_so(admin_client, aswin):
    post_code(admin_client, aswin.forum, badge_code(aswin))

    response = post_code(admin_client, aswin.forum, badge_code(aswin))

    assert Attendance.objects.count() == 1
    assert messages_of(response) == [
        ("error", "Mr. Aswin Kwanmuang is already checked in on that day.")
    ]


def test_the_same_badge_checks_in_again_on_the_next_day(admin_client, aswin):
    post_code(admin_client, aswin.forum, badge_code(aswin))

    post_code(admin_client, aswin.forum, badge_code(aswin), day="2019-08-27")

    assert sorted(Attendance.objects.values_list("day", flat=True)) == [
        FIRST_DAY,
        dt.date(2019, 8, 27),
    ]


def test_the_badge_of_a_cancelled_participation_is_refused(admin_client, aswin):
    aswin.registration_status = Participation.RegistrationStatus.CANCELLED
    aswin.save()

    response = post_code(admin_client, aswin.forum, badge_code(aswin))

    assert not Attendance.objects.exists()
    assert messages_of(response) == [("error", "Mr. Aswin Kwanmuang's registration is cancelled.")]


def test_a_badge_of_another_forum_is_refused_at_this_forum_s_check_in(admin_client, aswin):
    here = ForumFactory()

    response = post_code(admin_client, here, badge_code(aswin))

    assert not Attendance.objects.exists()
    ((level, message),) = messages_of(response)
    assert level == "error"
    assert message.startswith("That badge is for another forum")
    assert "Kwanmuang" not in message


def test_a_forged_code_is_refused_with_a_clear_message(admin_client, aswin):
    other = ParticipationFactory(forum=aswin.forum)
    signature = badge_code(aswin).split(":")[1]

    response = post_code(admin_client, aswin.forum, f"{aswin.forum_id}.{other.pk}:{signature}")

    assert not Attendance.objects.exists()
    assert messages_of(response) == [
        ("error", "That badge code is not valid: it was mistyped, misread or altered.")
    ]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(code=st.text(max_size=200) | st.from_regex(r"[0-9]{1,25}\.[0-9]{1,25}:[A-Z2-7]{0,20}"))
def test_no_garbled_code_checks_anyone_in_or_breaks_the_page(admin_client, aswin, code):
    response = admin_client.post(
        check_in_url(), {"forum": aswin.forum.pk, "day": FIRST_DAY.isoformat(), "code": code}
    )

    assert response.status_code == 302
    assert not Attendance.objects.exists()


def test_staff_who_may_only_view_cannot_check_in_by_code(client, aswin):
    from django.contrib.auth.models import Permission

    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_participation"))
    client.force_login(user)

    response = client.post(check_in_url(), {"forum": aswin.forum.pk, "code": badge_code(aswin)})

    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_the_check_in_page_offers_the_camera_and_the_typed_code_without_inline_script(
    admin_client, aswin
):
    response = admin_client.get(check_in_url(), {"forum": aswin.forum.pk})

    page = response.content.decode()
    assert 'name="code"' in page
    assert "check-in-scan.js" in page
    assert "vendor/jsqr/jsQR.js" in page
    assert "<script>" not in page and " on" + "click=" not in page
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "camera" not in response.get("Permissions-Policy", "")
