"""Spam protection for public forms without an outside service.

Three checks: a honeypot field people never see, a signed timestamp that must be at least a
few seconds old (bots post at once) and not older than a day, and a per-address rate limit
counted across every app server.
"""

import ipaddress

from django.core import signing
from django.core.cache import cache
from django.utils import timezone

from amf.security import client_ip

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
    """Whom the limit counts: the client's address (amf.security.client_ip, behind the
    PROXY_COUNT proxies), an IPv6 client by its /64 network, which one subscriber holds."""
    address = client_ip(request) or "unknown"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if parsed.version == 6:
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def rate_limited(key: str) -> bool:
    """Count one more attempt for `key`; say whether it is over the limit for the window.

    Counted in the default cache, which every app server shares when CACHE_URL names Redis
    (add and incr are atomic there); with the local-memory cache each process counts alone.
    """
    cache_key = f"reports:feedback-rate:{key}"
    cache.add(cache_key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, RATE_WINDOW_SECONDS)
        count = 1
    return count > RATE_LIMIT
