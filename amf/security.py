"""Helpers for the security settings: which address a request really comes from."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the one our trusted proxies put in X-Forwarded-For.

    Each of the PROXY_COUNT proxies appends the address it received from, so the entry that
    many places from the end was written by our outermost proxy; anything before it is what
    the client claimed and cannot be trusted.
    """
    count = settings.PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if count > 0 and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def login_username(request, credentials=None) -> str | None:
    """The user name a login attempt gave, cut to the 255 characters django-axes can store.

    Django's login form does not enforce its user name's length, so without the cut a very
    long name would fail to be recorded and the login would end in a server error.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get(field)
    return username[:255] if isinstance(username, str) else username


def lockout_response(request, original_response=None, credentials=None):
    """The page shown, in the user's language, to a login locked out by django-axes."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "amf/login_lockout.html",
        {
            **admin.site.each_context(request),
            "minutes": minutes,
            "title": _("Too many failed logins"),
        },
        status=429,
    )
