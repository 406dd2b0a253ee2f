from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from amf.admin import HistoryAdmin, TabbedTranslationAdmin
from reports.admin.followup import FollowUpActionInline
from reports.models import Bulletin, FollowUpAction, MissionGroup
from reports.services import follow_up_actions_save

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
class MissionGroupAdmin(TabbedTranslationAdmin):
    list_display = ["name", "bulletin_count"]
    search_fields = ["name_th", "name_en"]
    fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(bulletin_count=Count("bulletins"))

    @admin.display(description=_("bulletins"), ordering="bulletin_count")
    def bulletin_count(self, group):
        return group.bulletin_count


@admin.register(Bulletin)
class BulletinAdmin(HistoryAdmin, TabbedTranslationAdmin):
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
    inlines = [FollowUpActionInline]

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
            bulletin=form.instance, actions=actions, removed=formset.deleted_objects
        )
        formset.save_m2m()
        return None
