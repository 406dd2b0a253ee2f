"""Spam protection for public forms without an outside service.

Three checks: a honeypot field people never see, a signed timestamp that must be at least a
few seconds old (bots post at once) and not older than a day, and a per-address rate limit
counted across every app server. Each public form names its own `purpose`, so that a token
issued for one form is refused by another and each form has its own allowance.
"""

import ipaddress

from django import forms
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amf.security import client_ip

MIN_FILL_SECONDS = 3
MAX_AGE_SECONDS = 24 * 60 * 60
RATE_LIMIT = 5
RATE_WINDOW_SECONDS = 60 * 60


def _salt(purpose: str) -> str:
    return f"amf.spam.issued:{purpose}"


def issue_token(*, purpose: str) -> str:
    """A signed token holding the moment the form for `purpose` was shown."""
    return signing.dumps(timezone.now().timestamp(), salt=_salt(purpose))


def token_age(token: str, *, purpose: str) -> float | None:
    """Seconds since the token was issued, or None if it is forged, garbled, too old or was
    issued for another purpose."""
    try:
        issued = signing.loads(token, salt=_salt(purpose), max_age=MAX_AGE_SECONDS)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    try:
        age = timezone.now().timestamp() - float(issued)
    except (TypeError, ValueError):
        return None
    return age if age <= MAX_AGE_SECONDS else None


def client_address(request) -> str:
    """Whom a limit counts: the client's address (amf.security.client_ip, behind the
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


def rate_limited(
    key: str,
    *,
    purpose: str,
    limit: int = RATE_LIMIT,
    window_seconds: int = RATE_WINDOW_SECONDS,
) -> bool:
    """Count one more attempt for `key` at `purpose`; say whether it is over `limit` for the
    window.

    Counted in the default cache, which every app server shares when CACHE_URL names Redis
    (add and incr are atomic there); with the local-memory cache each process counts alone.
    """
    cache_key = f"amf:rate:{purpose}:{key}"
    cache.add(cache_key, 0, window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window_seconds)
        count = 1
    return count > limit


class SpamCheckedForm(forms.Form):
    """A public form with the honeypot and the signed, timed token.

    Subclasses name their `spam_purpose` and may word `spam_messages` for their readers.
    """

    spam_purpose = ""
    spam_messages = {
        "honeypot": _("This form looks automated and was not sent."),
        "expired": _("The form has expired. Please fill it in again."),
        "too_fast": _("That was very quick. Please check the form and send it again."),
    }

    # Hidden from people by the stylesheet; bots fill every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    issued = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["issued"] = issue_token(purpose=self.spam_purpose)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(self.spam_messages["honeypot"], code="honeypot")
        age = token_age(self.data.get("issued", ""), purpose=self.spam_purpose)
        if age is None:
            raise forms.ValidationError(self.spam_messages["expired"], code="expired")
        if age < MIN_FILL_SECONDS:
            raise forms.ValidationError(self.spam_messages["too_fast"], code="too_fast")
        return cleaned
