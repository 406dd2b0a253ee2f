"""Checking delegates in per forum day, and the forum's statistics page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from delegates.models import Attendance, Country, Organisation, Participation
from delegates.statistics import forum_statistics
from tests.factories import (
    AttendanceFactory,
    ForumFactory,
    OrganisationFactory,
    ParticipationFactory,
)

pytestmark = pytest.mark.django_db

CHECK_IN = "admin:delegates_participation_check_in"
FIRST_DAY = dt.date(2019, 8, 26)


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def forum():
    return ForumFactory()


@pytest.fixture
def aswin(forum):
    return ParticipationFactory(
        forum=forum,
        person__honorific_th="พลตำรวจเอก",
        person__first_name_th="อัศวิน",
        person__last_name_th="ขวัญเมือง",
        person__first_name_en="Aswin",
        person__last_name_en="Kwanmuang",
    )


@pytest.mark.parametrize("query", ["อัศวิน", "aswin kwan", "พลตำรวจเอก ขวัญเมือง"])
def test_check_in_finds_delegates_by_name_in_either_language(admin_client, forum, aswin, query):
    ParticipationFactory(forum=forum, person__first_name_en="Somebody", person__first_name_th="ใคร")

    response = admin_client.get(url(CHECK_IN), {"forum": forum.pk, "q": query})

    assert [p.pk for p in response.context["results"]] == [aswin.pk]


def test_checking_in_records_the_day_who_and_when(admin_client, forum, aswin):
    day = FIRST_DAY + dt.timedelta(days=1)

    response = admin_client.post(
        url(CHECK_IN),
        {"forum": forum.pk, "day": day.isoformat(), "participation": aswin.pk, "q": "Aswin"},
    )

    assert response.status_code == 302
    assert "q=Aswin" in response["Location"]
    attendance = Attendance.objects.get()
    assert (attendance.participation, attendance.day) == (aswin, day)
    assert attendance.checked_in_by.username == "admin"
    assert attendance.checked_in_at is not None
    page = admin_client.get(response["Location"])
    assert page.context["checked_in"] == 1
    assert page.context["results"][0].checked_in_by == "admin"


def test_a_delegate_is_checked_in_once_a_day_and_the_second_try_says_so(admin_client, forum, aswin):
    data = {"forum": forum.pk, "day": FIRST_DAY.isoformat(), "participation": aswin.pk}
    admin_client.post(url(CHECK_IN), data)

    response = admin_client.post(url(CHECK_IN), data, follow=True)

    assert Attendance.objects.count() == 1
    assert "already checked in" in response.content.decode()


def test_a_check_in_made_by_mistake_can_be_undone(admin_client, forum, aswin):
    AttendanceFactory(participation=aswin, day=FIRST_DAY)

    admin_client.post(
        url(CHECK_IN),
        {
            "forum": forum.pk,
            "day": FIRST_DAY.isoformat(),
            "participation": aswin.pk,
            "action": "undo",
        },
    )

    assert not Attendance.objects.exists()


def test_a_cancelled_delegate_cannot_be_checked_in(admin_client, forum, aswin):
    aswin.registration_status = Participation.RegistrationStatus.CANCELLED
    aswin.save()

    response = admin_client.post(
        url(CHECK_IN),
        {"forum": forum.pk, "day": FIRST_DAY.isoformat(), "participation": aswin.pk},
        follow=True,
    )

    assert not Attendance.objects.exists()
    assert "cancelled" in response.content.decode()


def test_a_delegate_of_another_forum_cannot_be_checked_in_here(admin_client, forum):
    stranger = ParticipationFactory()

    admin_client.post(
        url(CHECK_IN),
        {"forum": forum.pk, "day": FIRST_DAY.isoformat(), "participation": stranger.pk},
    )

    assert not Attendance.objects.exists()


def test_staff_who_may_only_view_cannot_check_in(client, forum, aswin):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_participation"))
    client.force_login(user)

    response = client.post(
        url(CHECK_IN),
        {"forum": forum.pk, "day": FIRST_DAY.isoformat(), "participation": aswin.pk},
    )

    assert response.status_code == 403
    assert not Attendance.objects.exists()


@pytest.fixture
def counted_forum(forum):
    thailand = Country.objects.get(code="TH")
    vietnam = Country.objects.get(code="VN")
    city = OrganisationFactory(kind=Organisation.Kind.LOCAL_GOVERNMENT, country=vietnam)
    un = OrganisationFactory(kind=Organisation.Kind.UN_BODY, country=thailand)
    Role, Status = Participation.Role, Participation.RegistrationStatus
    people = [
        ParticipationFactory(forum=forum, person__organisation=city, role=Role.DELEGATE),
        ParticipationFactory(forum=forum, person__organisation=city, role=Role.DELEGATE),
        ParticipationFactory(
            forum=forum, person__organisation=city, role=Role.SPEAKER, country=thailand
        ),
        ParticipationFactory(forum=forum, person__organisation=un, role=Role.SPEAKER),
        ParticipationFactory(
            forum=forum,
            person__organisation=un,
            role=Role.DELEGATE,
            registration_status=Status.CANCELLED,
        ),
    ]
    AttendanceFactory(participation=people[0], day=FIRST_DAY)
    AttendanceFactory(participation=people[1], day=FIRST_DAY)
    AttendanceFactory(participation=people[0], day=FIRST_DAY + dt.timedelta(days=2))
    ParticipationFactory()  # another forum's
    return forum


def figures(forum) -> dict:
    with translation.override("en"):
        return {
            table.key: {line.label: line.count for line in table.lines}
            for table in forum_statistics(forum, language="en")
        }


def test_statistics_count_by_country_type_role_status_and_day(counted_forum):
    assert figures(counted_forum) == {
        "country": {"Vietnam": 2, "Thailand": 2},
        "organisation_type": {"City or local government": 3, "UN body": 1},
        "role": {"Delegate": 2, "Speaker": 2},
        "registration_status": {"Invited": 0, "Registered": 0, "Confirmed": 4, "Cancelled": 1},
        "attendance": {"26 August 2019": 2, "27 August 2019": 0, "28 August 2019": 1},
    }


def test_the_statistics_page_shows_tables_and_svg_bars_without_scripts(admin_client, counted_forum):
    response = admin_client.get(url("admin:delegates_participation_statistics", counted_forum.pk))

    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<rect") == sum(len(t.lines) for t in response.context["tables"])
    assert 'width="100.0"' in content
    main = content[content.index('id="content-main"') :]
    assert "<script" not in main and "style=" not in main


def test_the_statistics_download_as_csv(admin_client, counted_forum):
    response = admin_client.get(
        url("admin:delegates_participation_statistics_csv", counted_forum.pk)
    )

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "By country,Vietnam,2" in text
    assert "By registration status,Cancelled,1" in text


@pytest.mark.parametrize("params", [{"forum": "abc"}, {"forum": "999999"}, {"day": "yesterday"}])
def test_the_check_in_page_shrugs_off_bad_parameters(admin_client, forum, params):
    response = admin_client.get(url(CHECK_IN), {"forum": forum.pk, "q": "x", **params})

    assert response.status_code == 200


def test_a_check_in_post_with_a_bad_forum_gets_a_message(admin_client):
    response = admin_client.post(url(CHECK_IN), {"forum": "abc", "participation": "x"}, follow=True)

    assert "Choose a delegate of the forum" in response.content.decode()
    assert not Attendance.objects.exists()
