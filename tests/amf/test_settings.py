"""The settings module: what it reads from the environment and what it fixes for everyone."""

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PROJECT_DIR = Path(__file__).resolve().parents[2]

# Printed as JSON by a fresh interpreter, so each test sees settings built from its own env.
PROBE = """
import json
import django
django.setup()
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "CSRF_TRUSTED_ORIGINS": settings.CSRF_TRUSTED_ORIGINS,
    "ENGINE": db["ENGINE"],
    "NAME": str(db["NAME"]),
    "HOST": db.get("HOST", ""),
    "PORT": db.get("PORT", ""),
    "USER": db.get("USER", ""),
    "STATICFILES_BACKEND": settings.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def start_django(**env: str) -> subprocess.CompletedProcess:
    """Set up Django in a new interpreter whose environment holds only `env`."""
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=PROJECT_DIR,
        env={"DJANGO_SETTINGS_MODULE": "amf.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def loaded_settings(**env: str) -> dict:
    """The settings Django starts with under `env`; fail the test if it does not start."""
    result = start_django(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    result = start_django()

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_settings_refuse_an_empty_secret_key_when_debug_is_explicitly_off():
    result = start_django(DEBUG="0", SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_settings_start_in_debug_mode_without_a_secret_key():
    started = loaded_settings(DEBUG="1")

    assert started["DEBUG"] is True
    assert started["SECRET_KEY"]


def test_settings_use_the_secret_key_from_the_environment():
    started = loaded_settings(SECRET_KEY="from-the-environment")

    assert started["DEBUG"] is False
    assert started["SECRET_KEY"] == "from-the-environment"


def test_database_url_selects_postgresql():
    started = loaded_settings(
        SECRET_KEY="x", DATABASE_URL="postgres://amf:pw@db.internal:5433/amf_prod"
    )

    assert started["ENGINE"] == "django.db.backends.postgresql"
    assert started["NAME"] == "amf_prod"
    assert started["HOST"] == "db.internal"
    assert started["PORT"] == 5433
    assert started["USER"] == "amf"


def test_without_database_url_the_database_is_a_sqlite_file_in_the_project():
    started = loaded_settings(SECRET_KEY="x")

    assert started["ENGINE"] == "django.db.backends.sqlite3"
    assert started["NAME"] == str(PROJECT_DIR / "db.sqlite3")


def test_allowed_hosts_and_csrf_origins_are_read_from_comma_separated_lists():
    started = loaded_settings(
        SECRET_KEY="x",
        ALLOWED_HOSTS=" amf.example.org, .bangkok.go.th ,,",
        CSRF_TRUSTED_ORIGINS="https://amf.example.org",
    )

    assert started["ALLOWED_HOSTS"] == ["amf.example.org", ".bangkok.go.th"]
    assert started["CSRF_TRUSTED_ORIGINS"] == ["https://amf.example.org"]


def test_no_host_is_allowed_by_default_when_debug_is_off():
    assert loaded_settings(SECRET_KEY="x")["ALLOWED_HOSTS"] == []


def test_local_hosts_are_allowed_by_default_in_debug_mode():
    assert loaded_settings(DEBUG="1")["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]


def test_static_files_are_served_from_hashed_compressed_copies_when_debug_is_off():
    started = loaded_settings(SECRET_KEY="x")

    assert started["STATICFILES_BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_thai_is_the_default_language_and_english_the_second():
    assert settings.LANGUAGE_CODE == "th"
    assert [code for code, _name in settings.LANGUAGES] == ["th", "en"]


def test_times_are_stored_aware_and_shown_in_bangkok_time():
    assert settings.TIME_ZONE == "Asia/Bangkok"
    assert settings.USE_TZ is True


def test_modeltranslation_is_installed_before_the_admin_it_patches():
    apps = settings.INSTALLED_APPS

    assert apps.index("modeltranslation") < apps.index("django.contrib.admin")


def test_static_files_collect_into_hashed_copies_when_debug_is_off(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=PROJECT_DIR,
        env={"SECRET_KEY": "x", "STATIC_ROOT": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert manifest["admin/css/base.css"] != "admin/css/base.css"
    assert "jquery-ui/jquery-ui.min.js" in manifest
