"""The programme for calendars, apps and printers: iCalendar, JSON and PDF."""

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from amf import downloads
from amf.dates import format_date
from amf.downloads import file_download
from amf.pdf import render_pdf
from delegates.calendar import plain_text, programme_calendar, session_uid
from delegates.programme import by_day, public_sessions
from delegates.views.common import ForumPage, feed, session_ids


def session_url(request, forum, session) -> str:
    """The session page's absolute address in the active language."""
    path = reverse("delegates:session", kwargs={"slug": forum.slug, "pk": session.pk})
    # reverse() gives the active language's prefix; the feed's language is active here.
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
@feed
def programme_ics(request, slug, *, language):
    """The whole programme, or the sessions in `?sessions=`, as an iCalendar feed."""
    page = ForumPage(request, slug)
    ids = selection(page, language=language)
    return page.respond(("ics", ids), lambda: _programme_ics(page, ids, language))


def _programme_ics(page: ForumPage, ids: list[int] | None, language: str):
    request, forum = page.request, page.forum
    sessions = public_sessions(forum, ids=ids)
    body = programme_calendar(
        forum=forum, sessions=sessions, url_for=lambda s: session_url(request, forum, s)
    )
    suffix = "-mine" if ids is not None else ""
    return calendar_response(body, f"{forum.slug}{suffix}-{language}.ics")


@require_safe
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
    sessions = public_sessions(forum, ids=[pk])
    if not sessions:
        raise Http404(_("No such session in this programme."))
    body = programme_calendar(
        forum=forum,
        sessions=sessions,
        url_for=lambda s: session_url(request, forum, s),
        name=sessions[0].title,
    )
    return calendar_response(body, f"{forum.slug}-{pk}-{language}.ics")


def person_data(role) -> dict:
    person = role.person
    return {
        "role": role.role,
        "role_label": role.get_role_display(),
        "name": person.full_name,
        "position": person.position,
        "organisation": str(person.organisation) if person.organisation else "",
        "contribution": role.contribution,
    }


@require_safe
@feed
def programme_json(request, slug, *, language):
    """The programme as JSON for apps and screens, times in the forum's zone with offsets."""
    page = ForumPage(request, slug)
    ids = selection(page, language=language)
    return page.respond(("json", ids), lambda: _programme_json(page, ids, language))


def _programme_json(page: ForumPage, ids: list[int] | None, language: str):
    request, forum = page.request, page.forum
    sessions = public_sessions(forum, ids=ids)
    zone = forum.zone
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
                "type_label": session.get_kind_display(),
                "starts_at": session.starts_at.astimezone(zone).isoformat(),
                "ends_at": session.ends_at.astimezone(zone).isoformat(),
                "day": format_date(session.starts_at.astimezone(zone).date()),
                "room": str(session.room.name) if session.room else "",
                "description": plain_text(session.description),
                "people": [person_data(role) for role in session.people],
                "url": session_url(request, forum, session),
            }
            for session in sessions
        ],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_safe
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
