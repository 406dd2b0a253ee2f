from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from amf.admin import HistoryAdmin, ListInlineMixin, TabbedTranslationAdmin
from reports.models import FollowUpAction


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        return queryset


class FollowUpActionInline(ListInlineMixin, TranslationTabularInline):
    """A bulletin's actions; their forum is the bulletin's (see BulletinAdmin.save_formset)."""

    model = FollowUpAction
    fields = ["title", "owner", "due_on", "status", "completed_on"]
    autocomplete_fields = ["owner"]
    extra = 0
    show_change_link = True


@admin.register(FollowUpAction)
class FollowUpActionAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["title", "owner", "forum", "due_on", "status", "completed_on"]
    list_filter = [OverdueFilter, "status", "forum"]
    list_select_related = ["owner", "forum"]
    search_fields = ["title_th", "title_en", "owner__name_th", "owner__name_en", "owner__acronym"]
    date_hierarchy = "due_on"
    autocomplete_fields = ["forum", "bulletin", "owner"]
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "forum",
        "bulletin",
        "title",
        "owner",
        "due_on",
        "status",
        "completed_on",
        "created_at",
        "updated_at",
    ]
