import sys

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    """Report whether the app can reach its database and cache, for load balancers."""
    checks = {"database": database_answers(), "cache": cache_answers()}
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            **{name: "ok" if ok else "unreachable" for name, ok in checks.items()},
        },
        status=200 if healthy else 503,
    )


def database_answers() -> bool:
    """Whether the database runs a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def cache_answers() -> bool:
    """Whether the cache (shared Redis in production) stores and returns a value."""
    try:
        cache.set("amf:healthz", "ok", timeout=10)
        return cache.get("amf:healthz") == "ok"
    except Exception:
        # Each cache backend raises its own errors (redis.ConnectionError, OSError, ...).
        return False


# How long a visitor is asked to wait when the database does not answer.
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """The error page: 503 with Retry-After while the database is down, else Django's 500.

    Django calls this for any exception a view, a template or a middleware let through, so
    a database that refuses connections or drops one mid-request gives every page, public
    or admin, the site's "try again shortly" page in the visitor's language, never a 500.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request)
