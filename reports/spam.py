"""Spam protection for public forms without an outside service.

Three checks: a honeypot field people never see, a signed timestamp that must be at least a
few seconds old (bots post at once) and not older than a day, and a per-address rate limit.
"""

from django.core import signing
from django.core.cache import cache
from django.utils import timezone

SALT = "reports.feedback.issued"
MIN_FILL_SECONDS = 3
MAX_AGE_SECONDS = 24 * 60 * 60
RATE_LIMIT = 5
RATE_WINDOW_SECONDS = 60 * 60


def issue_token() -> str:
    """A signed token holding the moment the form was shown."""
    return signing.dumps(timezone.now().timestamp(), salt=SALT)


def token_age(token: str) -> float | None:
    """Seconds since the token was issued, or None if it is forged, garbled or too old."""
    try:
        issued = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    age = timezone.now().timestamp() - float(issued)
    return age if age <= MAX_AGE_SECONDS else None


def client_address(request) -> str:
    """The visitor's address as the server saw it (a proxy's forwarded header is not trusted)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limited(key: str) -> bool:
    """Count one more attempt for `key`; say whether it is over the limit for the window."""
    cache_key = f"reports:feedback-rate:{key}"
    cache.add(cache_key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, RATE_WINDOW_SECONDS)
        count = 1
    return count > RATE_LIMIT
