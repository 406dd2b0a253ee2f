from django.contrib import admin, messages
from django.db.models import Count
from django.urls import path
from django.utils.translation import gettext_lazy as _

from amf.admin import HistoryAdmin, TabbedTranslationAdmin
from events.admin.writes import ServiceWritesAdmin
from reports.admin.followup import FollowUpActionInline
from reports.admin.revision import BulletinRevisionInline
from reports.admin.workflow import compile_view, pdf_view, run_step, workflow_view
from reports.forms import RevisionNoteMixin
from reports.models import Bulletin, FollowUpAction, MissionGroup
from reports.services import (
    STEPS,
    bulletin_save,
    bulletin_text_editable,
    bulletin_text_needs_reason,
    follow_up_actions_save,
    steps_from,
)

WORKFLOW_FIELDS = [
    "status",
    "created_at",
    "updated_at",
    "submitted_at",
    "submitted_by",
    "acknowledged_at",
    "acknowledged_by",
    "published_at",
    "published_by",
]


@admin.register(MissionGroup)
class MissionGroupAdmin(ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["name", "bulletin_count"]
    search_fields = ["name_th", "name_en"]
    fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(bulletin_count=Count("bulletins"))

    @admin.display(description=_("bulletins"), ordering="bulletin_count")
    def bulletin_count(self, group):
        return group.bulletin_count


class BulletinAdminForm(RevisionNoteMixin):
    class Meta:
        model = Bulletin
        fields = "__all__"


@admin.register(Bulletin)
class BulletinAdmin(HistoryAdmin, ServiceWritesAdmin, TabbedTranslationAdmin):
    form = BulletinAdminForm
    change_form_template = "admin/reports/bulletin/change_form.html"
    change_list_template = "admin/reports/bulletin/change_list.html"
    # One list action per workflow step, each needing the step's permission (see below).
    actions = [f"{name}_selected" for name in STEPS]
    list_display = ["title", "forum", "mission_group", "reporter", "status", "created_at"]
    list_filter = ["status", "mission_group", "forum"]
    list_select_related = ["forum__venue", "mission_group", "reporter"]
    search_fields = [
        "title_th",
        "title_en",
        "meeting_name_th",
        "meeting_name_en",
        "forum__title_th",
        "forum__title_en",
    ]
    date_hierarchy = "created_at"
    autocomplete_fields = ["forum", "reporter"]
    # The workflow moves only through the reports services, never by hand; venue and
    # dates belong to the forum and are shown, not typed again.
    readonly_fields = ["forum_venue", "forum_dates", *WORKFLOW_FIELDS]
    # The sections of the bulletin, in the order it is printed.
    fieldsets = [
        (None, {"fields": ["forum", "title", "mission_group"]}),
        (_("1. Meeting name and topic"), {"fields": ["meeting_name"]}),
        (_("2–3. Venue and dates"), {"fields": ["forum_venue", "forum_dates"]}),
        (_("4. Summary"), {"fields": ["summary"]}),
        (_("5. Continued operations"), {"fields": ["continued_operations"]}),
        (_("Recipient"), {"fields": ["recipient"]}),
        (
            _("6. Reporter"),
            {
                "fields": [
                    "reporter",
                    "reporter_position",
                    "reporter_division",
                    "reporter_office",
                    "reporter_phone",
                ]
            },
        ),
        (_("Status"), {"fields": WORKFLOW_FIELDS}),
    ]
    inlines = [FollowUpActionInline, BulletinRevisionInline]

    class Media:
        css = {"all": ["css/reports_admin.css"]}

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "compile/",
                view(lambda request: compile_view(self, request)),
                name="reports_bulletin_compile",
            ),
            path(
                "<int:object_id>/workflow/<str:step>/",
                view(lambda request, object_id, step: workflow_view(
                    self, request, object_id, step
                )),
                name="reports_bulletin_workflow",
            ),
            path(
                "<int:object_id>/pdf/<str:language>/",
                view(lambda request, object_id, language: pdf_view(
                    self, request, object_id, language
                )),
                name="reports_bulletin_pdf",
            ),
            *super().get_urls(),
        ]  # fmt: skip

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and bulletin_text_needs_reason(obj):
            fieldsets = [*fieldsets, (_("Revision"), {"fields": ["revision_note"]})]
        return fieldsets

    def has_change_permission(self, request, obj=None):
        # Who may change the text depends on the bulletin's status (TEXT_RULES); the page
        # of a bulletin the user may not change opens read-only.
        if obj is not None:
            return bulletin_text_editable(bulletin=obj, user=request.user)
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Once submitted, a bulletin is part of the record: its history must not vanish.
        if obj is not None and obj.status != Bulletin.Status.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["workflow_steps"] = [
                step for step in steps_from(obj.status) if request.user.has_perm(step.permission)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        bulletin_save(
            bulletin=obj, user=request.user, note=form.cleaned_data.get("revision_note", "")
        )

    @admin.display(description=_("venue"))
    def forum_venue(self, bulletin):
        return bulletin.forum.venue.name_and_city if bulletin.forum_id else "-"

    @admin.display(description=_("dates"))
    def forum_dates(self, bulletin):
        return bulletin.forum.dates_display(spaced=True) if bulletin.forum_id else "-"

    def save_formset(self, request, form, formset, change):
        if formset.model is not FollowUpAction:
            return super().save_formset(request, form, formset, change)
        actions = formset.save(commit=False)
        follow_up_actions_save(
            bulletin=form.instance,
            actions=actions,
            removed=formset.deleted_objects,
            user=request.user,
        )
        formset.save_m2m()
        return None


def step_action(step):
    """The list action taking `step` on each selected bulletin, for holders of its permission."""

    @admin.action(permissions=[step.name], description=step.label)
    def action(model_admin, request, queryset):
        moved = sum(run_step(request, bulletin, step.name) for bulletin in queryset)
        if not moved:
            messages.warning(request, _("No bulletin was moved."))

    def has_permission(model_admin, request):
        return request.user.has_perm(step.permission)

    action.__name__ = f"{step.name}_selected"
    return action, has_permission


# Django asks `has_<permission>_permission` of the admin for an action's permissions.
for _step in STEPS.values():
    _action, _has_permission = step_action(_step)
    setattr(BulletinAdmin, _action.__name__, _action)
    setattr(BulletinAdmin, f"has_{_step.name}_permission", _has_permission)
