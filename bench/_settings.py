"""Benchmark settings: the real ones, a trivial view beside the site, plain static files."""

from amf.settings import *  # noqa: F403
from amf.settings import STORAGES

ROOT_URLCONF = "bench._urls"
# Pages link their static files; the benchmark measures pages, not collectstatic.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the source folders, so pages under gunicorn look right
# without a collectstatic step.
WHITENOISE_USE_FINDERS = True
