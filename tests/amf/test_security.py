"""Security settings: the headers every page carries, and what production turns on."""

import json
import secrets
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from amf.settings import cache_config
from tests import factories
from tests.amf.test_settings import PROJECT_DIR, start_django

PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "amf.example.org",
}

SECURITY_PROBE = """
import json
import django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "SECURE_SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": s.SECURE_HSTS_SECONDS,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": s.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "CACHE_BACKEND": s.CACHES["default"]["BACKEND"],
    "CACHE_LOCATION": s.CACHES["default"].get("LOCATION"),
    "SESSION_ENGINE": s.SESSION_ENGINE,
}))
"""


def security_settings(**env: str) -> dict:
    """The security settings Django starts with under `env` alone."""
    result = subprocess.run(
        [sys.executable, "-c", SECURITY_PROBE],
        cwd=PROJECT_DIR,
        env={"DJANGO_SETTINGS_MODULE": "amf.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def csp_directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {
        name: value.strip()
        for name, _, value in (part.strip().partition(" ") for part in policy.split(";"))
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/healthz", "/th/admin/login/", "/en/admin/login/"])
def test_every_page_carries_a_content_security_policy_without_inline_script(client, url):
    response = client.get(url)

    directives = csp_directives(response)
    assert response.status_code == 200
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_pages_forbid_framing_sniffing_and_leaking_the_referrer(client):
    response = client.get("/th/admin/login/")

    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_over_https_tell_browsers_to_keep_to_https_for_a_year(client):
    response = client.get("/healthz", secure=True)

    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_except_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    page = client.get("/th/admin/login/")
    health = client.get("/healthz")

    assert page.status_code == 301
    assert page.headers["Location"] == "https://testserver/th/admin/login/"
    assert health.status_code == 200


@pytest.mark.django_db
def test_session_cookie_is_secure_and_hidden_from_scripts(client):
    user = factories.SuperuserFactory()

    client.post(
        "/th/admin/login/",
        {"username": user.username, "password": "correct horse battery staple"},
        secure=True,
    )

    cookie = client.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True


def test_production_turns_on_secure_cookies_https_redirect_and_hsts():
    started = security_settings(**PRODUCTION)

    assert started["SESSION_COOKIE_SECURE"] is True
    assert started["CSRF_COOKIE_SECURE"] is True
    assert started["SECURE_SSL_REDIRECT"] is True
    assert started["SECURE_HSTS_SECONDS"] == 31536000
    assert started["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True


def test_development_mode_needs_no_https():
    started = security_settings(DEBUG="1")

    assert started["SESSION_COOKIE_SECURE"] is False
    assert started["SECURE_SSL_REDIRECT"] is False
    assert started["SECURE_HSTS_SECONDS"] == 0


def test_https_redirect_and_hsts_are_set_from_the_environment():
    started = security_settings(**PRODUCTION, SECURE_SSL_REDIRECT="0", HSTS_SECONDS="600")

    assert started["SECURE_SSL_REDIRECT"] is False
    assert started["SECURE_HSTS_SECONDS"] == 600


def test_a_number_setting_that_is_not_a_number_is_named_in_the_error():
    result = start_django(**PRODUCTION, HSTS_SECONDS="a year")

    assert result.returncode != 0
    assert "HSTS_SECONDS must be a whole number, not 'a year'." in result.stderr


def test_the_deployment_check_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_DIR,
        env={"DJANGO_SETTINGS_MODULE": "amf.settings", **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_sessions_are_kept_in_the_database_and_the_cache_is_local_by_default():
    started = security_settings(**PRODUCTION)

    assert started["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert started["CACHE_BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_cache_url_names_a_shared_redis_cache():
    started = security_settings(**PRODUCTION, CACHE_URL="redis://cache.internal:6379/1")

    assert started["CACHE_BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert started["CACHE_LOCATION"] == "redis://cache.internal:6379/1"


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("", "django.core.cache.backends.locmem.LocMemCache"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
        ("rediss://:pw@cache:6380/0", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_cache_config_reads_each_kind_of_cache_url(url, backend):
    assert cache_config(url)["BACKEND"] == backend


def test_cache_config_names_an_unknown_cache_url():
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL must start with redis://"):
        cache_config("memcached://cache:11211")


@pytest.mark.django_db
def test_a_request_body_over_the_upload_limit_is_refused_not_an_error(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024

    response = client.post("/th/admin/login/", {"username": "x" * 2048, "password": "y"})

    assert response.status_code == 400
