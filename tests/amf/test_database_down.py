"""While the database does not answer, pages say so with a 503 in the visitor's language."""

import json
import socket

import pytest
from django.db import connection
from django.test import Client

from tests.factories import ForumFactory


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def visitor(transactional_db, django_db_serialized_rollback, django_user_model):
    """A signed-in staff member's browser: the error page, not the exception, as it sees it.

    On committed data, put back afterwards by serialized rollback (see `live_site`).
    """
    client = Client(raise_request_exception=False)
    client.force_login(django_user_model.objects.create_superuser("staff", None, "x"))
    return client


@pytest.fixture
def database_down(transactional_db, visitor):
    """The database refuses connections, as a stopped server on its port would."""
    ForumFactory(slug="amf-2019")
    saved = {key: connection.settings_dict[key] for key in ("HOST", "PORT")}
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/th/forums/amf-2019/programme/", "ขัดข้องชั่วคราว"),
        ("/en/forums/amf-2019/programme/", "Back shortly"),
        ("/en/forums/amf-2019/speakers/", "Back shortly"),
        ("/forums/amf-2019/programme.ics", "ขัดข้องชั่วคราว"),
        ("/th/reports/", "ขัดข้องชั่วคราว"),
        ("/en/", "Back shortly"),
        ("/en/admin/", "Back shortly"),
        ("/th/admin/events/forum/", "ขัดข้องชั่วคราว"),
    ],
)
def test_a_page_answers_503_with_retry_after_in_the_visitors_language(
    database_down, visitor, path, message
):
    response = visitor.get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert message in response.content.decode()


def test_the_health_check_still_answers_503_as_json(database_down, visitor):
    response = visitor.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "unreachable"


def test_a_connection_the_server_closed_gives_503_then_the_next_request_reconnects(visitor):
    ForumFactory(slug="amf-2019")
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [pid] = cursor.fetchone()
    killer = connection.copy()
    with killer.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    killer.close()
    # Django's health check would quietly reconnect first; without it the dead connection
    # fails mid-request, as it does when the server goes away during one.
    connection.health_check_enabled = False

    broken = visitor.get("/en/forums/amf-2019/programme/")
    connection.health_check_enabled = True
    connection.close()
    again = visitor.get("/en/forums/amf-2019/programme/")

    assert broken.status_code == 503
    assert "Back shortly" in broken.content.decode()
    assert again.status_code == 200
