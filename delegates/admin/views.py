"""The participation admin's own pages: import, check-in and statistics."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from amf import downloads
from amf.dates import format_date
from amf.downloads import file_download
from amf.models import Job
from amf.tabular import csv_chunks
from delegates.admin.person import can_see_contact_details
from delegates.badge_codes import BadgeCodeError, badge_code_participation
from delegates.models import ExportLog, Participation
from delegates.resources import DelegateResource
from delegates.services.exports import export_log_record
from delegates.services.registration import (
    CheckInError,
    attendance_check_in,
    attendance_undo,
    forum_days,
)
from delegates.services.staging import (
    IMPORT,
    PREVIEW,
    staged_import_confirm,
    staged_import_preview,
)
from delegates.spreadsheets import extension_problem, size_problem
from delegates.statistics import forum_statistics
from events.models import Forum

SEARCH_RESULTS = 50


def is_number(value: str) -> bool:
    """Whether `value` is a row's id: ASCII digits only ("²" and "๑" are digits to Python)."""
    return value.isascii() and value.isdigit() and len(value) < 19


class AdminPage(TemplateView):
    """A page of the participation admin, with the admin's context and a permission check."""

    model_admin = None
    permissions: tuple[str, ...] = ("view",)
    title = ""

    def dispatch(self, request, *args, **kwargs):
        checks = {
            "view": self.model_admin.has_view_permission,
            "change": self.model_admin.has_change_permission,
            "add": self.model_admin.has_add_permission,
        }
        if not all(checks[name](request) for name in self.permissions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **self.model_admin.admin_site.each_context(self.request),
            "opts": Participation._meta,
            "title": self.title,
            "changelist_url": reverse("admin:delegates_participation_changelist"),
            **kwargs,
        }


class ImportForm(forms.Form):
    forum = forms.ModelChoiceField(
        Forum.objects.order_by("-start_date"), label=gettext_lazy("Forum")
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8 or Windows-874, commas or semicolons) or XLSX, with a header row."
        ),
    )

    def clean_file(self):
        # Only what can be told without reading the file; the preview job reads it.
        upload = self.cleaned_data["file"]
        if problem := size_problem(upload.size) or extension_problem(upload.name):
            raise ValidationError(problem.message)
        return upload


class ConfirmForm(forms.Form):
    # The preview being confirmed. The forum is not here: it is the staged file's own.
    job = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ImportView(AdminPage):
    """Upload a delegate list; a background job previews it; confirm, and another imports it."""

    template_name = "delegates/participation_import.html"
    permissions = ("add", "change")
    title = gettext_lazy("Import delegates")

    def get(self, request, *args, **kwargs):
        form = ImportForm(initial={"forum": request.GET.get("forum")})
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        recent = Job.objects.filter(user=self.request.user, kind__in=[PREVIEW, IMPORT])
        return super().get_context_data(
            columns=DelegateResource(include_contacts=self.contacts(self.request)).columns,
            recent_jobs=recent.select_related("forum").defer("params", "outcome", "errors")[:5],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "job" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        job = staged_import_preview(
            user=request.user,
            forum=form.cleaned_data["forum"],
            name=upload.name,
            data=upload.read(),
        )
        return HttpResponseRedirect(reverse("admin:amf_job_change", args=[job.pk]))

    def confirm(self, request):
        form = ConfirmForm(request.POST)
        preview = (
            Job.objects.filter(pk=form.cleaned_data["job"], user=request.user).first()
            if form.is_valid()
            else None
        )
        job = staged_import_confirm(preview=preview, user=request.user) if preview else None
        if job is None:
            messages.error(request, _("The uploaded file has expired; upload it again."))
            return HttpResponseRedirect(request.path)
        return HttpResponseRedirect(reverse("admin:amf_job_change", args=[job.pk]))

    def contacts(self, request) -> bool:
        return can_see_contact_details(request.user)


class CheckInView(AdminPage):
    """Check delegates in for a day: scan the QR code on their badge with the phone's camera
    (static/js/check-in-scan.js), type the code printed under it, or find them by name."""

    template_name = "delegates/participation_check_in.html"
    permissions = ("view", "change")
    title = gettext_lazy("Check-in")

    def selection(self, params):
        forums = Forum.objects.order_by("-start_date")
        forum_id = str(params.get("forum", ""))
        forum = forums.filter(pk=forum_id).first() if is_number(forum_id) else None
        if forum is None:
            return forums, None, None, []
        days = forum_days(forum)
        try:
            day = dt.date.fromisoformat(params.get("day", ""))
        except ValueError:
            day = None
        if day not in days:
            today = timezone.localdate()
            day = today if today in days else days[0]
        return forums, forum, day, days

    def get_context_data(self, **kwargs):
        params = self.request.GET
        forums, forum, day, days = self.selection(params)
        query = params.get("q", "").strip()
        context = {
            "forums": forums,
            "forum": forum,
            "day": day,
            "query": query,
            # After a scan, the camera opens again by itself for the next badge.
            "resume_scan": params.get("scan") == "1",
        }
        if forum is not None:
            participations = Participation.objects.filter(forum=forum)
            context.update(
                days=[(d, format_date(d)) for d in days],
                checked_in=participations.filter(attendances__day=day).count(),
                expected=participations.exclude(
                    registration_status=Participation.RegistrationStatus.CANCELLED
                ).count(),
                results=list(participations.check_in_search(query, day)[:SEARCH_RESULTS])
                if query
                else [],
            )
        return super().get_context_data(**context, **kwargs)

    def post(self, request, *args, **kwargs):
        _forums, forum, day, _days = self.selection(request.POST)
        participation = self.participation(request, forum)
        if participation is not None and request.POST.get("action") == "undo":
            if attendance_undo(participation=participation, day=day):
                messages.success(
                    request, _("Check-in of %(name)s undone.") % {"name": participation.person}
                )
        elif participation is not None:
            try:
                attendance_check_in(participation=participation, day=day, by=request.user)
                messages.success(
                    request,
                    _("%(name)s checked in for %(day)s.")
                    % {"name": participation.person, "day": format_date(day)},
                )
            except CheckInError as error:
                messages.error(request, str(error))
        params = {
            "forum": getattr(forum, "pk", ""),
            "day": day or "",
            "q": request.POST.get("q", ""),
        }
        if request.POST.get("scan") == "1":
            params["scan"] = "1"
        return HttpResponseRedirect(f"{request.path}?{urlencode(params)}")

    def participation(self, request, forum) -> Participation | None:
        """The participation the form names, by badge code or by id; None, with a message
        saying why, when it names none of `forum`'s."""
        if forum is not None and "code" in request.POST:
            try:
                return badge_code_participation(request.POST["code"], forum=forum)
            except BadgeCodeError as error:
                messages.error(request, str(error))
                return None
        participation_id = str(request.POST.get("participation", ""))
        participation = (
            Participation.objects.filter(forum=forum, pk=participation_id)
            .select_related("person", "forum")
            .first()
            if forum is not None and is_number(participation_id)
            else None
        )
        if participation is None:
            messages.error(request, _("Choose a delegate of the forum to check in."))
        return participation


class StatisticsView(AdminPage):
    """A forum's delegates counted by country, organisation type, role, status and day."""

    template_name = "delegates/participation_statistics.html"
    title = gettext_lazy("Delegate statistics")

    def get_context_data(self, **kwargs):
        forum_id = self.kwargs.get("forum_id")
        if forum_id is None:
            return super().get_context_data(forums=Forum.objects.order_by("-start_date"))
        forum = get_object_or_404(Forum, pk=forum_id)
        return super().get_context_data(
            forum=forum,
            tables=forum_statistics(forum),
            title=_("Delegate statistics: %(forum)s") % {"forum": forum},
        )


def statistics_csv(request, forum_id: int, model_admin=None):
    """The forum's statistics as CSV: section, label, count."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    forum = get_object_or_404(Forum, pk=forum_id)
    tables = forum_statistics(forum)
    rows = [[table.title, line.label, str(line.count)] for table in tables for line in table.lines]
    export_log_record(
        kind=ExportLog.Kind.STATISTICS_CSV,
        row_count=len(rows),
        includes_contact_details=False,
        forum=forum,
        user=request.user,
    )
    return file_download(
        csv_chunks([_("Table"), _("Value"), _("Delegates")], rows),
        filename=f"statistics-{forum.slug}.csv",
        content_type=downloads.CSV,
    )
