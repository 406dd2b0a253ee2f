"""Login brute-force protection (django-axes): five failures lock a login out for a while."""

import datetime as dt
import io

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import RequestFactory, override_settings

from amf.security import client_ip
from tests import factories

PASSWORD = "correct horse battery staple"
LOGIN = "/th/admin/login/"


@pytest.fixture
def staff(db):
    return factories.SuperuserFactory(username="somchai")


def log_in(client, username, password, address="198.51.100.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/th/admin/"},
        REMOTE_ADDR=address,
    )


def fail(client, times, username="somchai", address="198.51.100.7") -> list[int]:
    """Try a wrong password `times` times; the status of each answer."""
    return [log_in(client, username, "wrong", address).status_code for _ in range(times)]


def test_four_failures_still_let_the_right_password_in(client, staff):
    fail(client, 4)

    assert log_in(client, "somchai", PASSWORD).status_code == 302


def test_the_fifth_failure_locks_the_login_out(client, staff):
    assert fail(client, 5) == [200, 200, 200, 200, 429]


def test_five_failures_lock_the_login_out_even_with_the_right_password(client, staff):
    fail(client, 5)

    response = log_in(client, "somchai", PASSWORD)

    assert response.status_code == 429
    assert "ลองใหม่ในอีก 15 นาที" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_in_english_on_the_english_admin(client, staff):
    fail(client, 5)

    response = client.post(
        "/en/admin/login/",
        {"username": "somchai", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.7",
    )

    assert response.status_code == 429
    assert "Try again in 15 minutes." in response.content.decode()


def test_the_lockout_ends_after_fifteen_minutes(client, staff):
    fail(client, 5)
    AccessAttempt.objects.update(
        attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=15, seconds=1)
    )

    assert log_in(client, "somchai", PASSWORD).status_code == 302


def test_a_lockout_is_for_one_user_name_from_one_address(client, staff):
    factories.SuperuserFactory(username="malee")
    fail(client, 5)

    other_user = log_in(client, "malee", PASSWORD)
    client.logout()
    other_address = log_in(client, "somchai", PASSWORD, address="203.0.113.20")

    assert other_user.status_code == 302
    assert other_address.status_code == 302


def test_a_successful_login_clears_the_failures(client, staff):
    fail(client, 4)
    assert log_in(client, "somchai", PASSWORD).status_code == 302
    client.logout()

    fail(client, 4)

    assert log_in(client, "somchai", PASSWORD).status_code == 302


def test_an_administrator_can_lift_a_lockout_with_a_command(client, staff):
    fail(client, 5)

    call_command("axes_reset_username", "somchai", stdout=io.StringIO())

    assert log_in(client, "somchai", PASSWORD).status_code == 302


def test_the_client_address_is_the_connection_when_no_proxy_is_trusted(settings):
    settings.PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert client_ip(request) == "10.0.0.2"


@override_settings(PROXY_COUNT=1)
def test_behind_one_proxy_the_client_address_is_the_one_the_proxy_saw():
    # Whatever the client wrote in the header comes first; our proxy appends what it saw.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7"
    )

    assert client_ip(request) == "198.51.100.7"


def test_a_login_with_an_overlong_user_name_is_refused_and_counted(client, db):
    name = "ก" * 2000

    assert fail(client, 5, username=name) == [200, 200, 200, 200, 429]
