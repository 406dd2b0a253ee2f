"""Settings for AMF, read from the environment with safe development defaults."""

import json
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor
from xstatic.pkg import jquery_ui

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean from the environment ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated list from the environment."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    """Read a whole number from the environment, naming the variable if it is not one."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def cache_config(url: str) -> dict:
    """Turn a CACHE_URL (redis://, rediss://, locmem://, dummy:// or empty) into a cache."""
    scheme = urlsplit(url).scheme if url else "locmem"
    if scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "amf"}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL must start with redis://, rediss://, locmem:// or dummy://, not {url!r}."
    )


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used with DEBUG on, so a leaked development key protects nothing real.
    SECRET_KEY = "django-insecure-amf-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Django's staticfiles app, told to skip files that cannot be collected.
    "amf.apps.StaticFilesConfig",
    "import_export",
    "axes",
    "simple_history",
    # The task queue (django.tasks' backport) and its database backend: see amf/jobs.
    "django_tasks",
    "django_tasks_db",
    # Only for its static files: the ProseMirror/Tiptap bundle of the rich-text editor.
    "django_prose_editor",
    # Django's form widget templates, found by FORM_RENDERER among the project's templates.
    "django.forms",
    "amf",
    "events",
    "delegates",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change in the audit trail.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Admin views in Thai show and read Buddhist-Era years (amf/buddhist_era.py).
    "amf.buddhist_era.BuddhistEraAdminMiddleware",
    # With DEBUG on, the site's own 404 and 500 pages rather than Django's technical ones.
    "amf.errors.SiteErrorPagesMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "amf.urls"
WSGI_APPLICATION = "amf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Form widgets render with the project's templates too (the rich-text editor's is in
# templates/amf/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The development server and the background worker share the SQLite file: WAL lets pages
    # read while a job writes, and IMMEDIATE transactions wait for the lock rather than fail.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # The seats' two uniqueness constraints are deferrable, which SQLite (the zero-setup demo
    # of `make run` only) cannot make; there the seating services' own checks keep them.
    SILENCED_SYSTEM_CHECKS = ["models.W038"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions live in the database and the cache is shared (Redis) when CACHE_URL names one, so
# any app server can answer any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# The public pages (events/pages.py) are kept rendered under their forum's version: in each
# process's memory ("pages", served without a round trip), and in the shared cache when there
# is one, so that a page is rendered once for all app servers. Each process learns of a new
# version from PostgreSQL (LISTEN/NOTIFY, events/versions.py) on a connection of its own;
# PUBLIC_VERSION_LISTENER=0 turns that off, and every request then reads the version.
CACHES = {
    "default": cache_config(os.environ.get("CACHE_URL", "")),
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "amf-pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_ENTRIES", 1000)},
    },
}
PUBLIC_VERSION_LISTENER = env_bool("PUBLIC_VERSION_LISTENER", default=True)

# django-axes checks every login (the admin's included) before the password is tried.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai first: it is the default language and the office's working language.
LANGUAGE_CODE = "th"
LANGUAGES = [
    ("th", _("Thai")),
    ("en", _("English")),
]
# Our catalogue first; then Thai for third-party apps that ship none (simple-history).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "vendor_locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "th"
MODELTRANSLATION_LANGUAGES = ("th", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("th", "en"), "th": ("en",), "en": ("th",)}
# modeltranslation's admin tabs need jQuery UI; it reads this unprefixed setting and would
# otherwise load it from a CDN. Served from the XStatic package below: the admin works offline.
JQUERY_UI_URL = "jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("jquery-ui", jquery_ui.BASE_DIR),
]
# Uploaded files (documents, session materials, photos) go through Django's storage API:
# a folder (MEDIA_ROOT) by default, an S3-compatible bucket (django-storages, the "s3"
# extra) when AWS_STORAGE_BUCKET_NAME is set. Either way they are served only by the site's
# own views (amf/uploads.py), never from MEDIA_URL: the bucket stays private.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    DEFAULT_FILE_STORAGE_CONFIG = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (boto3).
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    DEFAULT_FILE_STORAGE_CONFIG = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_FILE_STORAGE_CONFIG,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Source maps (the rich-text editor's is 2 MB) are fetched only by developer tools: they are
# served as they are rather than compressed at every collectstatic.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Security. Production is strict by default; each switch has its variable (see the README).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Health checks come over plain HTTP from inside the container network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): everything from this origin only, no inline script
# or style anywhere. The one exception is a single style attribute, allowed by its hash,
# that django-simple-history's history page carries (style="border-top: 0").
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [
            "'unsafe-hashes'",
            "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",
        ],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
if os.environ.get("CSP_REPORT_URI"):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = os.environ["CSP_REPORT_URI"]

# Logins: five failures for one user name from one address lock that pair out for 15 minutes.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Unlocking is a command (`manage.py axes_reset_username NAME`); axes' admin is English-only.
AXES_ENABLE_ADMIN = False
AXES_LOCKOUT_CALLABLE = "amf.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "amf.security.client_ip"
AXES_USERNAME_CALLABLE = "amf.security.login_username"
# How many proxies (each appending to X-Forwarded-For) stand between clients and the app.
PROXY_COUNT = env_int("PROXY_COUNT", 0)

# Request and upload limits. The delegate import checks its files against the IMPORT_ ones:
# the largest file, and how far an XLSX (a zip) may inflate, so a "zip bomb" is refused unread.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 5000)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
IMPORT_MAX_FILE_SIZE = env_int("IMPORT_MAX_FILE_SIZE", 32 * 1024 * 1024)
IMPORT_MAX_UNCOMPRESSED_SIZE = env_int("IMPORT_MAX_UNCOMPRESSED_SIZE", 200 * 1024 * 1024)
# Sheets are read as a stream, row by row, within these limits (Excel's own cell limit).
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 100_000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 60)
IMPORT_MAX_CELL_CHARS = env_int("IMPORT_MAX_CELL_CHARS", 32_767)
# Uploaded documents, slides and photos (amf/uploads.py): the largest file, how far an
# Office file (a zip) may unpack, and the most pixels an image may have.
UPLOAD_MAX_FILE_SIZE = env_int("UPLOAD_MAX_FILE_SIZE", 30 * 1024 * 1024)
UPLOAD_MAX_UNCOMPRESSED_SIZE = env_int("UPLOAD_MAX_UNCOMPRESSED_SIZE", 200 * 1024 * 1024)
UPLOAD_MAX_IMAGE_PIXELS = env_int("UPLOAD_MAX_IMAGE_PIXELS", 40_000_000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every layout step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes logs every successful login at INFO; failures and lockouts are warnings.
        "axes": {"level": "WARNING"},
    },
}

# The site's address as delegates reach it, for the links in emails (no trailing slash).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# A delegate's personal link works until this many days after the forum's last day.
DELEGATE_LINK_DAYS_AFTER_FORUM = env_int("DELEGATE_LINK_DAYS_AFTER_FORUM", 0)

# Mail goes through Django's email backend; the console backend prints it in development.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# Seconds a connection to the mail server may hang before the send is retried later.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# django-anymail, where a provider's API is used rather than SMTP: its settings, as JSON,
# e.g. {"MAILGUN_API_KEY": "..."} with EMAIL_BACKEND=anymail.backends.mailgun.EmailBackend.
ANYMAIL = json.loads(os.environ.get("ANYMAIL", "{}"))
if EMAIL_BACKEND.startswith("anymail."):
    INSTALLED_APPS.append("anymail")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "amf@localhost")
# Who receives the weekly follow-up digest; empty: the staff who may change actions.
FOLLOWUP_DIGEST_RECIPIENTS = env_list("FOLLOWUP_DIGEST_RECIPIENTS")

# Personal data of a forum's delegates are anonymised this many days after the forum ends.
DELEGATE_RETENTION_DAYS = env_int("DELEGATE_RETENTION_DAYS", 730)

# Background jobs (amf/jobs): imports, large exports and PDFs, compilations and the digest's
# email run on django-tasks' database queue, worked off by `manage.py run_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Finished jobs' files, previews and problem lists (personal data) are deleted after this
# long; the job's record (what, who, when, how it ended) after JOBS_HISTORY_DAYS.
JOBS_RESULT_HOURS = env_int("JOBS_RESULT_HOURS", 24)
JOBS_HISTORY_DAYS = env_int("JOBS_HISTORY_DAYS", 30)
# A worker that has not been heard of for this long is taken as dead, and its job restarts.
JOBS_WORKER_LEASE_SECONDS = env_int("JOBS_WORKER_LEASE_SECONDS", 60)
# Exports and PDFs of up to this many delegates (bulletins) are made while the user waits.
JOBS_INLINE_MAX_ROWS = env_int("JOBS_INLINE_MAX_ROWS", 50)
JOBS_INLINE_MAX_BULLETINS = env_int("JOBS_INLINE_MAX_BULLETINS", 10)
