"""In development too, a missing page or a crash shows the site's own page, in the visitor's
language; and the public site has a way in for staff."""

import logging

import pytest
from django.test import Client

from events.models import Forum


@pytest.fixture
def debug_client(settings):
    """A client of a server running as `make run` does, with DEBUG on."""
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["testserver"]
    # A new client loads the middleware afresh, under DEBUG.
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("address", "heading"),
    [
        ("/th/no-such-page/", "ไม่พบหน้าที่ต้องการ"),
        ("/en/no-such-page/", "Page not found"),
        ("/en/forums/no-such-forum/", "Page not found"),
    ],
)
@pytest.mark.django_db
def test_a_missing_page_in_development_is_the_sites_own_page_in_the_visitors_language(
    debug_client, address, heading
):
    response = debug_client.get(address)

    assert response.status_code == 404
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert 'name="viewport"' in html
    assert "technical_404" not in html and "Django tried these URL patterns" not in html


@pytest.mark.django_db
def test_a_crash_in_development_shows_the_sites_own_page_and_logs_the_traceback(
    debug_client, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("the database caught fire")

    monkeypatch.setattr(Forum.objects, "published", broken)

    with caplog.at_level(logging.ERROR, logger="django.request"):
        thai = debug_client.get("/th/")
        english = debug_client.get("/en/")

    assert thai.status_code == english.status_code == 500
    assert "<h1>เกิดข้อผิดพลาด</h1>" in thai.content.decode()
    assert "<h1>Something went wrong</h1>" in english.content.decode()
    assert "the database caught fire" not in english.content.decode()
    assert any(
        record.exc_info and "caught fire" in str(record.exc_info[1]) for record in caplog.records
    )


@pytest.mark.django_db
def test_production_keeps_djangos_own_handling_of_missing_pages(client):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "label"), [("th", "เข้าสู่ระบบเจ้าหน้าที่"), ("en", "Staff sign-in")]
)
@pytest.mark.django_db
def test_the_public_site_links_to_the_staff_sign_in_in_the_visitors_language(
    client, language, label
):
    html = client.get(f"/{language}/").content.decode()

    assert f'<a href="/{language}/admin/login/">{label}</a>' in html
