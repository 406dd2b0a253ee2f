"""The programme, one session, and a delegate's own programme."""

from dataclasses import dataclass

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import View

from delegates.listing import Labels, label_sessions
from delegates.programme import (
    ForumIndex,
    NowAndNext,
    by_day,
    now_and_next,
    public_sessions,
)
from delegates.views.common import BadRequest, ForumPage, registration_context, session_ids
from events.models import ProgrammeNotice, Session, SessionMaterial
from events.pages import RememberedMixin

# The newest dated notices shown at the top of the programme.
NOTICES = 5

FILTERS = ("day", "room", "type")


@dataclass(frozen=True)
class ProgrammeChoice:
    """The day, room and type a visitor narrowed the programme to, checked against its index.

    A value the programme lacks counts only as "unknown", whatever it was, so that every
    such address is one cached page.
    """

    day: str = ""
    room: str = ""
    type: str = ""
    unknown: tuple[str, ...] = ()

    @classmethod
    def from_query(cls, params, page: ForumPage) -> "ProgrammeChoice":
        given = {name: params.get(name, "") for name in FILTERS}
        if not any(given.values()):
            return cls()
        index: ForumIndex = page.index
        allowed = {"day": index.days, "room": index.rooms, "type": index.kinds}
        unknown = tuple(
            name for name in FILTERS if given[name] and given[name] not in allowed[name]
        )
        return cls(
            **{name: "" if name in unknown else given[name] for name in FILTERS}, unknown=unknown
        )


class ProgrammeFilter:
    """The options of the programme's day, room and type filter, and what was chosen."""

    def __init__(self, choice: ProgrammeChoice, sessions: list[Session], zone):
        self.days = sorted({s.starts_at.astimezone(zone).date() for s in sessions})
        rooms = {s.room.pk: s.room for s in sessions if s.room}
        self.rooms = sorted(rooms.values(), key=lambda room: (str(room.name), room.pk))
        kinds = {s.kind for s in sessions}
        self.kinds = [(value, label) for value, label in Session.Kind.choices if value in kinds]
        self.day, self.room, self.kind = choice.day, choice.room, choice.type
        messages = {
            "day": _("The programme has no such day; all days are shown."),
            "room": _("The programme has no such room; all rooms are shown."),
            "type": _("The programme has no such type; all types are shown."),
        }
        self.problems = [messages[name] for name in choice.unknown]
        self.zone = zone

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


def rendered(request, template_name: str, context: dict) -> TemplateResponse:
    response = TemplateResponse(request, template_name, context)
    return response.render()


class ProgrammeView(RememberedMixin, View):
    """The whole programme by day, filterable by day, room and type, "now" and "next" marked.

    Cached under the forum's version, the filters chosen and the sessions marked now and next.
    """

    remembered_parameters = ("day", "room", "type")

    template_name = "delegates/forum_programme.html"

    def get(self, request, slug):
        page = ForumPage(request, slug)
        choice = ProgrammeChoice.from_query(request.GET, page)
        query = page.query(day=choice.day, room=choice.room, type=choice.type)
        return page.respond(
            ("programme", query, choice.unknown, page.marks.signature, page.registration),
            lambda: self.render(page, choice),
        )

    def render(self, page: ForumPage, choice: ProgrammeChoice):
        forum = page.forum
        sessions = public_sessions(forum)
        chosen = ProgrammeFilter(choice, sessions, forum.zone)
        shown = chosen.apply(sessions)
        mark(shown, page.marks)
        label_sessions(shown, Labels(forum))
        context = {
            "forum": forum,
            "days": by_day(shown, forum.zone),
            "filter": chosen,
            "session_count": len(sessions),
            "shown_count": len(shown),
            "marks": page.marks,
            "now_sessions": [s for s in shown if s.is_now],
            "next_sessions": [s for s in shown if s.is_next],
            **registration_context(page),
            # Dated notices of changes, newest first; a notice's write moves the forum's
            # version (events.impact), so this cached page shows it at once.
            "notices": list(ProgrammeNotice.objects.filter(forum=forum).published()[:NOTICES]),
        }
        return rendered(page.request, self.template_name, context)


class MyProgrammeView(RememberedMixin, View):
    """The sessions a delegate starred, named in `?sessions=` by the page's script."""

    remembered_parameters = ("sessions",)

    template_name = "delegates/forum_my_programme.html"

    def get(self, request, slug):
        page = ForumPage(request, slug)
        problem = ""
        try:
            ids = session_ids(request.GET.get("sessions"), page.index)
        except BadRequest as error:
            ids, problem = [], str(error)
        query = page.query(sessions=",".join(map(str, ids or [])))
        chosen = frozenset(ids or [])
        marks = NowAndNext()
        if chosen and page.version.is_running(at=timezone.now()):
            marks = now_and_next(page.version, [t for t in page.timings if t.pk in chosen])
        return page.respond(
            ("mine", query, ids is not None, problem, marks.signature),
            lambda: self.render(page, ids, problem, marks),
        )

    def render(self, page: ForumPage, ids, problem: str, marks: NowAndNext):
        forum = page.forum
        sessions = public_sessions(forum, ids=ids) if ids else []
        mark(sessions, marks)
        label_sessions(sessions, Labels(forum))
        context = {
            "forum": forum,
            "days": by_day(sessions, forum.zone),
            "sessions": sessions,
            "session_ids": ",".join(str(s.pk) for s in sessions),
            "asked": ids is not None,
            "problem": problem,
        }
        return rendered(page.request, self.template_name, context)


class SessionDetailView(RememberedMixin, View):
    """One session: time, room, type, description, people in protocol order, calendar link."""

    template_name = "delegates/session_detail.html"

    def get(self, request, slug, pk):
        page = ForumPage(request, slug)
        if pk not in page.index.session_ids:
            return page.not_found("session")
        page.query()
        marks = NowAndNext()
        if page.version.is_running(at=timezone.now()):
            marks = now_and_next(page.version, [t for t in page.timings if t.pk == pk])
        return page.respond(("session", pk, marks.signature), lambda: self.render(page, pk, marks))

    def render(self, page: ForumPage, pk: int, marks: NowAndNext):
        forum = page.forum
        found = public_sessions(forum, ids=[pk], photos=True)
        if not found:
            raise Http404(_("No such session in this programme."))
        session = found[0]
        mark([session], marks)
        context = {
            "forum": forum,
            "session": session,
            "materials": list(SessionMaterial.objects.public().filter(session=session)),
        }
        return rendered(page.request, self.template_name, context)
