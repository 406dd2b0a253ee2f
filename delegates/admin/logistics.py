"""The protocol desk's lists in the participation admin: a page per forum and its downloads.

The lists show the delegates' replies (travel, hotel, needs), so only users allowed contact
details (the Registrar) may open them; others are refused as from any page they may not see.
Downloads are posted (a large list starts a background job), each one is logged.
"""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amf.dates import format_date
from amf.downloads import file_download
from delegates.admin.person import can_see_contact_details
from delegates.admin.views import AdminPage
from delegates.jobs import logistics_export_start
from delegates.logistics import ARRIVALS, KINDS, list_days, logistics_list
from delegates.services import exports
from events.models import Forum

FORMATS = {"csv": "CSV", "xlsx": "XLSX", "pdf": "PDF"}


def may_see_lists(model_admin, request) -> bool:
    return model_admin.has_view_permission(request) and can_see_contact_details(request.user)


class Selection:
    """The list and day asked for in `params`, with the problem if they name none."""

    def __init__(self, forum: Forum, params):
        self.problem = ""
        self.kind = params.get("list") or ARRIVALS
        if self.kind not in KINDS:
            self.problem = _("There is no list “%(list)s”.") % {"list": self.kind[:40]}
            self.kind = ARRIVALS
        self.days = list_days(forum, self.kind)
        self.day = None
        raw = params.get("day", "")
        if raw:
            try:
                self.day = dt.date.fromisoformat(raw)
            except ValueError:
                self.problem = _("“%(day)s” is not a date (YYYY-MM-DD).") % {"day": raw[:40]}
            else:
                if self.day not in self.days:
                    self.problem = _(
                        "The list has no day %(day)s: choose one of the forum's days."
                    ) % {"day": format_date(self.day)}
                    self.day = None


class LogisticsForumsView(AdminPage):
    """The forums whose lists one may open."""

    template_name = "delegates/participation_logistics.html"
    title = gettext_lazy("Protocol desk lists")

    def dispatch(self, request, *args, **kwargs):
        if not may_see_lists(self.model_admin, request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(forums=Forum.objects.order_by("-start_date"), **kwargs)


class LogisticsView(LogisticsForumsView):
    """One of a forum's lists, for a day or all days, with its downloads."""

    def get_context_data(self, **kwargs):
        forum = get_object_or_404(Forum, pk=self.kwargs["forum_id"])
        selection = Selection(forum, self.request.GET)
        logistics = logistics_list(forum, selection.kind, selection.day)
        page = reverse("admin:delegates_participation_logistics", args=[forum.pk])
        return super().get_context_data(
            forum=forum,
            list=logistics,
            problem=selection.problem,
            kinds=[
                (kind, label, f"{page}?{urlencode({'list': kind})}")
                for kind, label in KINDS.items()
            ],
            days=[(day.isoformat(), format_date(day)) for day in selection.days],
            day=selection.day.isoformat() if selection.day else "",
            formats=FORMATS,
            download_url=reverse(
                "admin:delegates_participation_logistics_download", args=[forum.pk]
            ),
            title=_("%(list)s: %(forum)s") % {"list": logistics.title, "forum": forum},
        )


def logistics_download(request, forum_id: int, model_admin=None):
    """The list posted (`list`, `day`, `format`) as a file; a large one is made by a job."""
    if not may_see_lists(model_admin, request):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    forum = get_object_or_404(Forum, pk=forum_id)
    selection = Selection(forum, request.POST)
    fmt = request.POST.get("format") or "pdf"
    if fmt not in FORMATS:
        selection.problem = _("There is no file format “%(format)s”.") % {"format": fmt[:20]}
    if selection.problem:
        # Plain text: the problem quotes what was sent.
        return HttpResponseBadRequest(selection.problem, content_type="text/plain; charset=utf-8")
    logistics = logistics_list(forum, selection.kind, selection.day)
    if logistics.row_count > settings.JOBS_INLINE_MAX_ROWS:
        job = logistics_export_start(user=request.user, logistics=logistics, fmt=fmt)
        model_admin.message_user(
            request,
            _("The file is being made in the background; this page shows how far it got."),
            messages.INFO,
        )
        return HttpResponseRedirect(reverse("admin:amf_job_change", args=[job.pk]))
    content = exports.logistics_export(logistics=logistics, fmt=fmt, user=request.user)
    return file_download(
        content,
        filename=logistics.file_name(fmt),
        content_type=exports.LOGISTICS_CONTENT_TYPES[fmt],
    )
