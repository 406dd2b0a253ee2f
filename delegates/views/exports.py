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
from delegates.views.common import feed, published_forum, session_ids


def session_url(request, forum, session) -> str:
    """The session page's absolute address in the active language."""
    path = reverse("delegates:session", kwargs={"slug": forum.slug, "pk": session.pk})
    # reverse() gives the active language's prefix; the feed's language is active here.
    return request.build_absolute_uri(path)


def calendar_response(body: bytes, filename: str) -> HttpResponse:
    return file_download(body, filename=filename, content_type=downloads.ICS, inline=True)


@require_safe
@feed
def programme_ics(request, slug, *, language):
    """The whole programme, or the sessions in `?sessions=`, as an iCalendar feed."""
    forum = published_forum(slug)
    ids = session_ids(request.GET.get("sessions"))
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
    forum = published_forum(slug)
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
    forum = published_forum(slug)
    ids = session_ids(request.GET.get("sessions"))
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
    """The programme as an A4 PDF in the page's language, Thai set in Sarabun."""
    forum = published_forum(slug)
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
