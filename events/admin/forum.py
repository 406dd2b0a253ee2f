from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationStackedInline,
    TranslationTabularInline,
)

from amf.admin import (
    HTTPS_URLS,
    HistoryAdmin,
    ListInlineMixin,
    LocalTimeAdminMixin,
    TabbedTranslationAdmin,
)
from amf.buddhist_era import DateTimeTextInput
from events.admin.writes import ServiceWritesAdmin
from events.models import Forum, ForumSeries, OutcomeDocument, Priority, RelatedEvent, Session


@admin.register(ForumSeries)
class ForumSeriesAdmin(ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["name", "acronym", "slug", "forum_count"]
    search_fields = ["name_th", "name_en", "acronym"]
    fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(forum_count=Count("forums"))

    @admin.display(description=_("forums"), ordering="forum_count")
    def forum_count(self, series):
        return series.forum_count


class SessionInline(ListInlineMixin, TranslationTabularInline):
    """The programme at a glance; speakers are edited on each session's own page."""

    model = Session
    fields = ["starts_at", "ends_at", "title", "kind", "room"]
    extra = 0
    # Folded: the forum's page opens short, its section list leads to each part.
    classes = ["collapse"]
    show_change_link = True
    # One date-and-time box per column keeps a long programme on one screen; a text box, so
    # that the Thai admin shows and reads Buddhist-Era years (amf/buddhist_era.py).
    formfield_overrides = {
        models.DateTimeField: {"form_class": forms.DateTimeField, "widget": DateTimeTextInput}
    }

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("room__venue")


class PriorityInline(TranslationStackedInline):
    model = Priority
    fields = ["order", "title", "description"]
    extra = 0
    classes = ["collapse"]
    show_change_link = True


class OutcomeDocumentInline(TranslationStackedInline):
    model = OutcomeDocument
    fields = ["kind", "title", "adopted_on", "url", "file", "is_public", "summary"]
    formfield_overrides = HTTPS_URLS
    extra = 0
    classes = ["collapse"]
    show_change_link = True


class RelatedEventInline(TranslationStackedInline):
    model = RelatedEvent
    fields = [
        "relation",
        "title",
        "organiser",
        "location",
        ("start_date", "end_date"),
        "url",
        "description",
    ]
    formfield_overrides = HTTPS_URLS
    extra = 0
    classes = ["collapse"]
    show_change_link = True


@admin.register(Forum)
class ForumAdmin(LocalTimeAdminMixin, HistoryAdmin, ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = [
        "title",
        "series",
        "edition",
        "dates",
        "venue",
        "status",
        "is_published",
        "session_count",
    ]
    list_filter = ["status", "is_published", "series", "venue"]
    list_select_related = ["series", "venue"]
    search_fields = ["title_th", "title_en", "theme_th", "theme_en", "slug"]
    date_hierarchy = "start_date"
    ordering = ["-start_date"]
    autocomplete_fields = ["series", "venue", "frameworks"]
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["series", "edition", "title", "theme", "slug"]}),
        (_("When and where"), {"fields": ["start_date", "end_date", "venue", "time_zone"]}),
        (_("About"), {"fields": ["description", "frameworks", "website"]}),
        (
            _("Record"),
            {
                "fields": [
                    "status",
                    "is_published",
                    "reported_participant_count",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    inlines = [SessionInline, PriorityInline, OutcomeDocumentInline, RelatedEventInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_count=Count("sessions"))

    def time_zone_for(self, object_id):
        return Forum.objects.filter(pk=object_id).values_list("time_zone", flat=True).first()

    @admin.display(description=_("dates"), ordering="start_date")
    def dates(self, forum):
        return forum.dates_display()

    @admin.display(description=_("sessions"), ordering="session_count")
    def session_count(self, forum):
        return forum.session_count
