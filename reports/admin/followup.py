from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from amf import downloads
from amf.admin import GuardedAdmin, HistoryAdmin, ListInlineMixin, TabbedTranslationAdmin
from amf.dates import format_date
from amf.downloads import file_download
from events.admin.writes import ServiceWritesAdmin
from events.models import Forum
from events.services import objects_save
from reports.exports import follow_up_actions_csv
from reports.models import FollowUpAction, ProgressNote
from reports.services import follow_up_action_carry_over, follow_up_progress_add


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        return queryset


class CarriedOverFilter(admin.SimpleListFilter):
    title = _("carried over")
    parameter_name = "carried_over"

    def lookups(self, request, model_admin):
        return [("yes", _("Carried over from an earlier edition"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(carried_over_from__isnull=False)
        return queryset


class FollowUpActionInline(ListInlineMixin, TranslationTabularInline):
    """A bulletin's actions; their forum is the bulletin's (see BulletinAdmin.save_formset)."""

    model = FollowUpAction
    fields = ["title", "owner", "due_on", "status", "completed_on"]
    autocomplete_fields = ["owner"]
    extra = 0
    show_change_link = True


class ProgressNoteInline(admin.TabularInline):
    model = ProgressNote
    fields = ["noted_on", "text", "author"]
    readonly_fields = ["author"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


def due_cell(action) -> str:
    """The due date, marked when the action is overdue."""
    if action.due_on is None:
        return "-"
    text = format_date(action.due_on)
    if getattr(action, "is_overdue", False):
        return format_html('<span class="followup-overdue">{} · {}</span>', text, _("overdue"))
    return text


@admin.register(FollowUpAction)
class FollowUpActionAdmin(HistoryAdmin, ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["title", "owner", "forum", "due", "status", "completed_on", "carried_from"]
    list_filter = [OverdueFilter, CarriedOverFilter, "status", "owner", "forum__series", "forum"]
    list_select_related = ["owner", "forum", "carried_over_from__forum"]
    search_fields = ["title_th", "title_en", "owner__name_th", "owner__name_en", "owner__acronym"]
    date_hierarchy = "due_on"
    autocomplete_fields = ["forum", "bulletin", "owner"]
    readonly_fields = ["carried_over_from", "created_at", "updated_at"]
    fields = [
        "forum",
        "bulletin",
        "title",
        "owner",
        "due_on",
        "status",
        "completed_on",
        "carried_over_from",
        "created_at",
        "updated_at",
    ]
    inlines = [ProgressNoteInline]
    actions = ["export_csv", "carry_over_to_next_edition"]
    change_list_template = "admin/reports/followupaction/change_list.html"

    class Media:
        css = {"all": ["css/reports_admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_overdue_flag()

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "open-by-owner/",
                view(self.open_by_owner_view),
                name="reports_followupaction_open_by_owner",
            ),
            path(
                "carried-over/",
                view(self.carried_over_view),
                name="reports_followupaction_carried_over",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("due date"), ordering="due_on")
    def due(self, action):
        return due_cell(action)

    @admin.display(description=_("carried over from"), ordering="carried_over_from__forum")
    def carried_from(self, action):
        return action.carried_over_from.forum if action.carried_over_from else "-"

    def save_formset(self, request, form, formset, change):
        if formset.model is not ProgressNote:
            return super().save_formset(request, form, formset, change)
        notes = formset.save(commit=False)
        for note in notes:
            if note.pk is None:
                follow_up_progress_add(
                    action=form.instance, text=note.text, user=request.user, noted_on=note.noted_on
                )
        edited = [note for note in notes if note.pk is not None]
        objects_save(saved=edited, deleted=formset.deleted_objects, user=request.user)
        return None

    def _page(self, request, template, title, **context):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "today": timezone.localdate(),
            **context,
        }
        return TemplateResponse(request, template, context)

    def open_by_owner_view(self, request):
        """Pending actions grouped by owning unit, overdue ones marked."""
        actions = FollowUpAction.objects.pending().by_owner().with_overdue_flag()
        groups: dict = {}
        for action in actions:
            groups.setdefault(action.owner, []).append(action)
        rows = [(owner, [(a, due_cell(a)) for a in items]) for owner, items in groups.items()]
        return self._page(
            request,
            "admin/reports/followupaction/open_by_owner.html",
            _("Open actions by owning unit"),
            groups=rows,
        )

    def carried_over_view(self, request):
        """Actions continued from one edition of a series to the next, with their chain."""
        actions = FollowUpAction.objects.carried_over().with_overdue_flag()
        rows = []
        for action in actions.order_by("forum__series", "-forum__edition", "pk"):
            chain = []
            previous = action.carried_over_from
            while previous is not None and len(chain) < 20:
                chain.append(previous)
                previous = previous.carried_over_from
            rows.append((action, list(reversed(chain)), due_cell(action)))
        return self._page(
            request,
            "admin/reports/followupaction/carried_over.html",
            _("Actions carried over between editions"),
            rows=rows,
        )

    @admin.action(permissions=["view"], description=_("Export the selected actions as CSV"))
    def export_csv(self, request, queryset):
        language = get_language()
        actions = FollowUpAction.objects.filter(pk__in=queryset.values("pk")).for_export()
        return file_download(
            follow_up_actions_csv(actions.order_by("due_on", "pk"), language=language),
            filename=f"follow-up-actions-{timezone.localdate():%Y%m%d}.csv",
            content_type=downloads.CSV,
        )

    @admin.action(
        permissions=["add", "change"],
        description=_("Carry the selected actions over to the next edition"),
    )
    def carry_over_to_next_edition(self, request, queryset):
        for action in queryset.select_related("forum"):
            following = Forum.objects.filter(
                series_id=action.forum.series_id, edition=action.forum.edition + 1
            ).first()
            if following is None:
                messages.error(
                    request,
                    _("“%(action)s”: the next edition of its forum is not recorded yet.")
                    % {"action": action},
                )
                continue
            try:
                follow_up_action_carry_over(action=action, forum=following, user=request.user)
            except ValidationError as error:
                messages.error(request, f"{action}: {' '.join(error.messages)}")
            else:
                messages.success(
                    request,
                    _("“%(action)s” was carried over to %(forum)s.")
                    % {"action": action, "forum": following},
                )


@admin.register(ProgressNote)
class ProgressNoteAdmin(ServiceWritesAdmin, GuardedAdmin):
    """All progress notes, newest first; usually written on the action's own page."""

    list_display = ["noted_on", "action", "excerpt", "author"]
    list_select_related = ["action", "author"]
    search_fields = ["text", "action__title_th", "action__title_en"]
    date_hierarchy = "noted_on"
    autocomplete_fields = ["action"]
    readonly_fields = ["author", "created_at"]
    fields = ["action", "noted_on", "text", "author", "created_at"]
    ordering = ["-noted_on", "-pk"]

    @admin.display(description=_("progress"))
    def excerpt(self, note):
        return note.text[:80]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        note = follow_up_progress_add(
            action=obj.action, text=obj.text, user=request.user, noted_on=obj.noted_on
        )
        obj.pk = note.pk
