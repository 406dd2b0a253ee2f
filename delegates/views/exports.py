"""The programme for calendars, apps and printers: iCalendar, JSON and PDF."""

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from amf import downloads
from amf.downloads import file_download
from amf.pdf import render_pdf
from delegates.calendar import plain_text, programme_calendar, session_uid
from delegates.listing import Labels, label_sessions
from delegates.programme import by_day, public_sessions
from delegates.views.common import ForumPage, feed, session_ids
from events.pages import remembered


def labelled_sessions(page: ForumPage, ids: list[int] | None = None) -> list:
    """The forum's public sessions (those in `ids`), labelled for a feed in its language."""
    sessions = public_sessions(page.forum, ids=ids)
    label_sessions(sessions, Labels(page.forum))
    return sessions


def absolute(request, path: str) -> str:
    """`path` as an absolute address; session addresses carry the feed's language."""
    return request.build_absolute_uri(path)


def calendar_response(body: bytes, filename: str) -> HttpResponse:
    return file_download(body, filename=filename, content_type=downloads.ICS, inline=True)


def selection(page: ForumPage, *, language: str) -> list[int] | None:
    """The sessions named in `?sessions=` that the forum has, or None for all of them.

    Raises BadRequest for a malformed list. The request's query becomes the normalised one.
    """
    raw = page.request.GET.get("sessions")
    ids = session_ids(raw, page.index) if raw is not None else None
    page.query(sessions=",".join(map(str, ids)) if ids else "", lang=language)
    return ids


@require_safe
@remembered("sessions", "lang")
@feed
def programme_ics(request, slug, *, language):
    """The whole programme, or the sessions in `?sessions=`, as an iCalendar feed."""
    page = ForumPage(request, slug)
    ids = selection(page, language=language)
    return page.respond(("ics", ids), lambda: _programme_ics(page, ids, language))


def _programme_ics(page: ForumPage, ids: list[int] | None, language: str):
    request, forum = page.request, page.forum
    sessions = labelled_sessions(page, ids)
    site = absolute(request, "/")[:-1]
    body = programme_calendar(forum=forum, sessions=sessions, url_for=lambda s: site + s.url)
    suffix = "-mine" if ids is not None else ""
    return calendar_response(body, f"{forum.slug}{suffix}-{language}.ics")


@require_safe
@remembered("lang")
@feed
def session_ics(request, slug, pk, *, language):
    """One session as an iCalendar file, to add to a calendar."""
    page = ForumPage(request, slug)
    if pk not in page.index.session_ids:
        return page.not_found("session calendar")
    page.query(lang=language)
    return page.respond(("session-ics", pk), lambda: _session_ics(page, pk, language))


def _session_ics(page: ForumPage, pk: int, language: str):
    request, forum = page.request, page.forum
    sessions = labelled_sessions(page, [pk])
    if not sessions:
        raise Http404(_("No such session in this programme."))
    body = programme_calendar(
        forum=forum,
        sessions=sessions,
        url_for=lambda s: absolute(request, s.url),
        name=sessions[0].title,
    )
    return calendar_response(body, f"{forum.slug}-{pk}-{language}.ics")


def person_data(role) -> dict:
    return {
        "role": role.role,
        "role_label": role.role_label,
        "name": role.person_name,
        "position": role.person_position,
        "organisation": role.person_organisation,
        "contribution": role.contribution,
    }


@require_safe
@remembered("sessions", "lang")
@feed
def programme_json(request, slug, *, language):
    """The programme as JSON for apps and screens, times in the forum's zone with offsets."""
    page = ForumPage(request, slug)
    ids = selection(page, language=language)
    return page.respond(("json", ids), lambda: _programme_json(page, ids, language))


def _programme_json(page: ForumPage, ids: list[int] | None, language: str):
    request, forum = page.request, page.forum
    labels = Labels(forum)
    sessions = public_sessions(forum, ids=ids)
    label_sessions(sessions, labels)
    site = absolute(request, "/")[:-1]
    data = {
        "language": language,
        "forum": {
            "slug": forum.slug,
            "title": forum.title,
            "theme": forum.theme,
            "start_date": forum.start_date.isoformat(),
            "end_date": forum.end_date.isoformat(),
            "dates": forum.dates_display(),
            "time_zone": forum.time_zone,
            "venue": forum.venue.name_and_city,
            "url": request.build_absolute_uri(reverse("delegates:forum", args=[forum.slug])),
            "updated_at": forum.updated_at.isoformat(),
        },
        "sessions": [
            {
                "id": session.pk,
                "uid": session_uid(session),
                "title": session.title,
                "type": session.kind,
                "type_label": session.kind_label,
                "starts_at": session.start_iso,
                "ends_at": session.end_iso,
                "day": labels.date(session.starts_at),
                "room": session.room_name,
                "description": plain_text(session.description),
                "people": [person_data(role) for role in session.people],
                "url": site + session.url,
            }
            for session in sessions
        ],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_safe
@remembered()
def programme_pdf(request, slug):
    """The programme as an A4 PDF in the page's language, Thai set in Sarabun.

    Rendered once per version of the forum and language, however many ask at once.
    """
    page = ForumPage(request, slug)
    page.query()
    return page.respond(("pdf",), lambda: _programme_pdf(page), compress=False)


def _programme_pdf(page: ForumPage):
    request, forum = page.request, page.forum
    sessions = public_sessions(forum)
    pdf = render_pdf(
        "delegates/forum_programme_pdf.html",
        {"forum": forum, "days": by_day(sessions, forum.zone)},
        request=request,
    )
    name = slugify(forum.slug) or "programme"
    return file_download(
        pdf, filename=f"{name}-programme.pdf", content_type=downloads.PDF, inline=True
    )
