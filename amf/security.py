"""Helpers for the security settings: which address a request really comes from."""

import ipaddress

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


def client_ip(request) -> str | None:
    """The client's address: the one rule for it, used by the login lockout and rate limits.

    With PROXY_COUNT = 0 it is REMOTE_ADDR, and X-Forwarded-For, which anyone can write, is
    ignored. Behind PROXY_COUNT proxies, each appending the address it received from, the
    entry that many places from the end was written by our outermost proxy; anything
    before it is what the client claimed and cannot be trusted. A shorter chain means the
    request passed fewer of our proxies (a load balancer was bypassed): its first entry is
    then the farthest address a proxy of ours saw, which still tells visitors apart where
    REMOTE_ADDR, the proxy's own address, would lump them all together. An entry that is
    not an address is not used.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return remote
    chosen = forwarded[-count] if len(forwarded) >= count else forwarded[0]
    try:
        return str(ipaddress.ip_address(chosen))
    except ValueError:
        return remote


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
