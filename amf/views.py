from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
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
