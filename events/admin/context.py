from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from amf.admin import TabbedTranslationAdmin
from events.admin.writes import ServiceWritesAdmin
from events.models import Framework, OutcomeDocument, Priority, ProgrammeNotice, RelatedEvent


@admin.register(Priority)
class PriorityAdmin(ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["title", "forum", "order"]
    list_filter = ["forum"]
    list_select_related = ["forum"]
    search_fields = ["title_th", "title_en"]
    autocomplete_fields = ["forum"]
    fields = ["forum", "order", "title", "description"]


@admin.register(Framework)
class FrameworkAdmin(ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["name", "acronym", "website", "forum_count"]
    search_fields = ["name_th", "name_en", "acronym"]
    fields = ["name", "acronym", "website", "description"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(forum_count=Count("forums"))

    @admin.display(description=_("forums"), ordering="forum_count")
    def forum_count(self, framework):
        return framework.forum_count


@admin.register(OutcomeDocument)
class OutcomeDocumentAdmin(ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["title", "forum", "kind", "adopted_on", "is_public", "has_file"]
    list_filter = ["kind", "is_public", "forum"]
    list_select_related = ["forum"]
    search_fields = ["title_th", "title_en"]
    date_hierarchy = "adopted_on"
    autocomplete_fields = ["forum"]
    fields = ["forum", "kind", "title", "adopted_on", "url", "file", "is_public", "summary"]

    @admin.display(description=_("file"), boolean=True)
    def has_file(self, document):
        return bool(document.file)


@admin.register(RelatedEvent)
class RelatedEventAdmin(ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["title", "forum", "relation", "start_date", "end_date", "location"]
    list_filter = ["relation", "forum"]
    list_select_related = ["forum"]
    search_fields = ["title_th", "title_en", "organiser_th", "organiser_en"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["forum"]
    fields = [
        "forum",
        "relation",
        "title",
        "organiser",
        "location",
        ("start_date", "end_date"),
        "url",
        "description",
    ]


@admin.register(ProgrammeNotice)
class ProgrammeNoticeAdmin(ServiceWritesAdmin, TabbedTranslationAdmin):
    """Dated notices on the public programme; saved through the services, which move the
    forum's version so the cached programme shows the notice at once."""

    list_display = ["date", "text", "forum", "published"]
    list_filter = ["published", "forum"]
    list_select_related = ["forum"]
    search_fields = ["text_th", "text_en"]
    date_hierarchy = "date"
    autocomplete_fields = ["forum"]
    fields = ["forum", "date", "text", "published"]
