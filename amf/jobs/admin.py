"""Background jobs in the admin: each user's list of their own, and a page per job."""

from django.contrib import admin
from django.http import Http404, HttpResponseNotAllowed
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from amf.admin import GuardedAdmin, ReadOnlyAdminMixin
from amf.jobs import views
from amf.jobs.kinds import KINDS
from amf.models import Job

# The queue's own rows say nothing a user needs; the job pages say it in their language.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


class KindFilter(admin.SimpleListFilter):
    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(name, kind.label) for name, kind in sorted(KINDS.items())]

    def queryset(self, request, queryset):
        if self.value() in KINDS:
            return queryset.filter(kind=self.value())
        return queryset


@admin.register(Job)
class JobAdmin(ReadOnlyAdminMixin, GuardedAdmin):
    """Every staff user sees the jobs they started; only a superuser sees everyone's."""

    list_display = ["title", "state", "progress", "forum", "created_at", "finished_at"]
    list_display_links = ["title"]
    list_filter = ["state", KindFilter]
    list_select_related = ["forum", "user"]
    search_fields = ["title"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .visible_to(request.user)
            .defer("params", "outcome", "errors")
        )

    def get_list_display(self, request):
        if request.user.is_superuser:
            return [*self.list_display, "user"]
        return self.list_display

    @admin.display(description=_("progress"))
    def progress(self, job):
        if job.state == Job.State.SUCCEEDED:
            return "100%"
        return f"{job.percent}%" if job.percent is not None else "–"

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        return obj is None or user.is_superuser or obj.user_id == user.pk

    def get_urls(self):
        def view(func):
            return self.admin_site.admin_view(lambda request, job_id: func(self, request, job_id))

        return [
            path("<int:job_id>/status/", view(views.job_status), name="amf_job_status"),
            path("<int:job_id>/download/", view(views.job_download), name="amf_job_download"),
            path("<int:job_id>/retry/", view(views.job_retry_view), name="amf_job_retry"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A job's page, read-only: nothing about a job is changed by a form.
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if not str(object_id).isdigit():
            raise Http404
        return views.job_page(self, request, int(object_id))

    def history_view(self, request, object_id, extra_context=None):
        # Someone else's job does not exist for this user, here as on its page.
        if (
            not str(object_id).isdigit()
            or not self.get_queryset(request).filter(pk=object_id).exists()
        ):
            raise Http404
        return super().history_view(request, object_id, extra_context)
