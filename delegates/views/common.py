"""What every public page and feed of a forum needs."""

import datetime as dt
from collections.abc import Callable
from functools import cached_property, wraps
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found

from delegates.programme import (
    ForumIndex,
    NowAndNext,
    Timing,
    forum_index,
    forum_timings,
    now_and_next,
)
from events.models import Forum
from events.pages import answer_holds_for, cached_response, canonical_query
from events.versions import published_version


def published_forum(slug: str) -> Forum:
    """The published forum with `slug` and its venue (1 query), or a 404."""
    return get_object_or_404(Forum.objects.published().select_related("venue", "series"), slug=slug)


class BadRequest(Exception):
    """Input a feed cannot serve; the message says what is wrong, in the visitor's language."""


def feed_language(request) -> str:
    """The language of a feed: `?lang=`, else the URL's prefix, else the site's default."""
    codes = [code for code, _name in settings.LANGUAGES]
    wanted = request.GET.get("lang")
    if wanted is not None:
        if wanted not in codes:
            raise BadRequest(
                _("There is no language “%(lang)s”; use one of: %(codes)s.")
                % {"lang": wanted, "codes": ", ".join(codes)}
            )
        return wanted
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def feed(view):
    """Run a feed view in its language; answer bad input with a 400 naming the problem."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            language = feed_language(request)
            with translation.override(language):
                return view(request, *args, language=language, **kwargs)
        except BadRequest as problem:
            return HttpResponseBadRequest(str(problem), content_type="text/plain; charset=utf-8")

    return wrapper


def session_ids(value: str | None, index: ForumIndex | None = None) -> list[int] | None:
    """Parse `?sessions=3,5,8` into ids; None when absent. Raises BadRequest on anything else.

    With the forum's index, ids of sessions the forum does not have are left out, so that
    every list naming the same sessions is the same page.
    """
    if value is None:
        return None
    parts = [part.strip() for part in value.split(",") if part.strip()]
    if not all(part.isascii() and part.isdigit() and len(part) < 10 for part in parts):
        raise BadRequest(_("“sessions” must list session numbers separated by commas, e.g. 3,5,8."))
    ids = {int(part) for part in parts}
    if index is not None:
        ids &= index.session_ids
    return sorted(ids)


class ForumPage:
    """A request for one of a published forum's pages or feeds, answered from the cache.

    Looks up the forum's version (a 404 when it is not published) and, only for pages
    whose parameters must be checked against the programme or that mark what runs now,
    the forum's index, itself cached under the version. `respond()` gives the page stored
    under the version and the parts the view names, rendering it once if need be.
    """

    def __init__(self, request, slug: str):
        self.request = request
        self.slug = slug
        self.version = published_version(slug)
        if self.version is None:
            raise Http404(_("No such forum."))

    @cached_property
    def index(self) -> ForumIndex:
        return forum_index(self.version)

    @cached_property
    def forum(self) -> Forum:
        """The forum itself, for rendering (1 query)."""
        return published_forum(self.slug)

    @cached_property
    def marks(self) -> NowAndNext:
        """What runs now and what starts next, while the forum runs."""
        now = timezone.now()
        if not self.version.is_running(at=now):
            return NowAndNext()
        return now_and_next(self.version, self.timings, at=now)

    def seconds_until_marks_change(self) -> float | None:
        """How long what runs now and next stays as it is: until the forum's first day
        begins, or during the forum until the next session starts or ends, or the day ends;
        None once the forum is over."""
        now = timezone.now()
        zone = ZoneInfo(self.version.time_zone)
        today = now.astimezone(zone).date()
        if today > self.version.end_date:
            return None
        if today < self.version.start_date:
            change = dt.datetime.combine(self.version.start_date, dt.time(), tzinfo=zone)
        else:
            midnight = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), tzinfo=zone)
            moments = (
                moment
                for timing in self.timings
                for moment in (timing.starts_at, timing.ends_at)
                if moment > now
            )
            change = min(moments, default=midnight)
            change = min(change, midnight)
        return max((change - now).total_seconds(), 0.0)

    @cached_property
    def timings(self) -> tuple[Timing, ...]:
        return forum_timings(self.version)

    def query(self, **params: str) -> str:
        """Make `params` the request's whole query string (links use it); return it."""
        return canonical_query(self.request, params)

    def respond(
        self, parts: tuple, render: Callable[[], HttpResponse], *, compress: bool = True
    ) -> HttpResponse:
        holds_for = self.seconds_until_marks_change()
        if holds_for is not None:
            answer_holds_for(self.request, holds_for)
        return cached_response(
            self.request,
            version=self.version.key,
            parts=parts,
            render=render,
            compress=compress,
        )

    def not_found(self, what: str) -> HttpResponse:
        """The 404 page for an address the forum's index lacks, itself kept in the cache."""
        return self.respond(
            (what, "not found"), lambda: page_not_found(self.request, Http404(what))
        )
