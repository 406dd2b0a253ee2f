"""The programme, one session, and a delegate's own programme."""

import gzip
import hashlib

from django.core.cache import caches
from django.http import Http404, HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import compress_string
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from delegates.programme import NowAndNext, Timing, by_day, now_and_next, public_sessions
from delegates.views.common import BadRequest, published_forum, session_ids
from events.models import Session
from events.versions import published_version

# Long enough to serve a whole forum from memory; entries are never stale, since the key
# holds the forum's `updated_at`, which every change to what the page shows moves.
CACHE_SECONDS = 24 * 60 * 60


class ProgrammeFilter:
    """The day, room and type a visitor narrowed the programme to, checked against it."""

    def __init__(self, params, sessions: list[Session], zone):
        self.days = sorted({s.starts_at.astimezone(zone).date() for s in sessions})
        rooms = {s.room.pk: s.room for s in sessions if s.room}
        self.rooms = sorted(rooms.values(), key=lambda room: (str(room.name), room.pk))
        kinds = {s.kind for s in sessions}
        self.kinds = [(value, label) for value, label in Session.Kind.choices if value in kinds]
        self.problems = []
        self.day = self._pick(params, "day", [d.isoformat() for d in self.days], _("day"))
        self.room = self._pick(params, "room", [str(pk) for pk in rooms], _("room"))
        self.kind = self._pick(params, "type", [value for value, _label in self.kinds], _("type"))
        self.zone = zone

    def _pick(self, params, name, allowed, label):
        value = params.get(name, "")
        if value and value not in allowed:
            self.problems.append(
                _("The programme has no %(what)s “%(value)s”; all are shown.")
                % {"what": label, "value": value[:40]}
            )
            return ""
        return value

    @property
    def active(self) -> bool:
        return bool(self.day or self.room or self.kind)

    def apply(self, sessions: list[Session]) -> list[Session]:
        """The sessions that pass the chosen day, room and type."""
        return [
            s
            for s in sessions
            if (not self.day or s.starts_at.astimezone(self.zone).date().isoformat() == self.day)
            and (not self.room or (s.room_id and str(s.room_id) == self.room))
            and (not self.kind or s.kind == self.kind)
        ]


def mark(sessions: list[Session], marks) -> None:
    """Set `is_now` and `is_next` on each session."""
    for session in sessions:
        session.is_now = session.pk in marks.now
        session.is_next = session.pk in marks.next


def compressed_response(request, compressed: bytes) -> HttpResponse:
    """Answer with a gzipped page as it is, or unpacked for a client that takes no gzip.

    Browsers all take gzip, so the page is kept compressed once rather than per request: a
    programme of hundreds of sessions shrinks about tenfold for phones on mobile data. The
    page carries no secret (no form, no token), so compression reveals nothing (BREACH).
    """
    if re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(compressed)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(compressed))
    response.headers["Vary"] = "Accept-Encoding"
    return response


class ProgrammeView(View):
    """The whole programme by day, filterable by day, room and type, "now" and "next" marked.

    The page is cached under the forum's `updated_at` (read in one small query, all that a
    cached page costs), the address asked for, and which sessions are now and next.
    """

    template_name = "delegates/forum_programme.html"

    def get(self, request, slug):
        version = published_version(slug)
        if version is None:
            raise Http404(_("No such forum."))
        prefix = f"amf:programme:{version.key}"
        now = timezone.now()
        forum = sessions = None
        marks = NowAndNext()
        if version.is_running(at=now):
            timings = caches["pages"].get(f"{prefix}:timings")
            if timings is None:
                forum = published_forum(slug)
                sessions = public_sessions(forum)
                timings = [Timing(s.pk, s.starts_at, s.ends_at) for s in sessions]
                caches["pages"].set(f"{prefix}:timings", timings, CACHE_SECONDS)
            marks = now_and_next(version, timings, at=now)
        address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:32]
        key = f"{prefix}:{address}:{marks.signature}"
        compressed = caches["pages"].get(key)
        if compressed is None:
            forum = forum or published_forum(slug)
            if sessions is None:
                sessions = public_sessions(forum)
            compressed = compress_string(self.render(request, forum, sessions, marks))
            caches["pages"].set(key, compressed, CACHE_SECONDS)
        return compressed_response(request, compressed)

    def render(self, request, forum, sessions, marks) -> bytes:
        chosen = ProgrammeFilter(request.GET, sessions, forum.zone)
        shown = chosen.apply(sessions)
        mark(shown, marks)
        context = {
            "forum": forum,
            "days": by_day(shown, forum.zone),
            "filter": chosen,
            "session_count": len(sessions),
            "shown_count": len(shown),
            "marks": marks,
            "now_sessions": [s for s in shown if s.is_now],
            "next_sessions": [s for s in shown if s.is_next],
        }
        response = TemplateResponse(request, self.template_name, context)
        return response.render().content


class MyProgrammeView(TemplateView):
    """The sessions a delegate starred, named in `?sessions=` by the page's script."""

    template_name = "delegates/forum_my_programme.html"

    def get(self, request, *args, **kwargs):
        try:
            self.ids = session_ids(request.GET.get("sessions"))
        except BadRequest as problem:
            self.ids, self.problem = [], str(problem)
        else:
            self.problem = ""
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        forum = published_forum(self.kwargs["slug"])
        sessions = public_sessions(forum, ids=self.ids) if self.ids else []
        mark(
            sessions, now_and_next(forum, [Timing(s.pk, s.starts_at, s.ends_at) for s in sessions])
        )
        ids = ",".join(str(s.pk) for s in sessions)
        context.update(
            forum=forum,
            days=by_day(sessions, forum.zone),
            sessions=sessions,
            session_ids=ids,
            asked=self.ids is not None,
            problem=self.problem,
        )
        return context


class SessionDetailView(TemplateView):
    """One session: time, room, type, description, people in protocol order, calendar link."""

    template_name = "delegates/session_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        forum = published_forum(self.kwargs["slug"])
        found = public_sessions(forum, ids=[self.kwargs["pk"]])
        if not found:
            raise Http404(_("No such session in this programme."))
        session = found[0]
        mark(
            [session], now_and_next(forum, [Timing(session.pk, session.starts_at, session.ends_at)])
        )
        context.update(forum=forum, session=session)
        return context
