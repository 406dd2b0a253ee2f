from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from amf.admin import LocalTimeAdminMixin, TabbedTranslationAdmin
from events.admin.writes import ServiceWritesAdmin
from events.languages import INTERPRETATION_LANGUAGES, language_name
from events.models import Session, SessionMaterial


class SessionMaterialInline(TranslationTabularInline):
    """Slides and papers, uploaded on the session's page; each is public only when marked."""

    model = SessionMaterial
    fields = ["title", "file", "is_public", "order"]
    extra = 0


@admin.register(Session)
class SessionAdmin(LocalTimeAdminMixin, ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["title", "forum", "kind", "starts_at", "ends_at", "room"]
    list_filter = ["forum", "kind"]
    # Room names carry their venue's, so the venue is fetched with the room.
    list_select_related = ["forum", "room__venue"]
    search_fields = ["title_th", "title_en", "forum__title_th", "forum__title_en"]
    date_hierarchy = "starts_at"
    ordering = ["starts_at", "order", "pk"]
    autocomplete_fields = ["forum", "room"]
    fields = [
        "forum",
        "title",
        "kind",
        "starts_at",
        "ends_at",
        "room",
        "order",
        "description",
        "interpretation_languages",
    ]
    inlines = [SessionMaterialInline]
    # Shown instead of the languages' field to those who only read (see get_fields).
    readonly_fields = ["interpretation"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if self.has_change_permission(request, obj):
            return fields
        # Read-only, the languages are named rather than shown as their codes in JSON.
        return ["interpretation" if name == "interpretation_languages" else name for name in fields]

    @admin.display(description=_("interpretation provided"))
    def interpretation(self, session):
        provided = session.interpretation_languages
        codes = [code for code in INTERPRETATION_LANGUAGES if code in provided]
        return ", ".join(language_name(code) for code in codes) or "-"

    def time_zone_for(self, object_id):
        sessions = Session.objects.filter(pk=object_id)
        return sessions.values_list("forum__time_zone", flat=True).first()


@admin.register(SessionMaterial)
class SessionMaterialAdmin(ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["title", "session", "forum", "is_public"]
    list_filter = ["is_public", "session__forum"]
    list_select_related = ["session__forum"]
    search_fields = ["title_th", "title_en", "session__title_th", "session__title_en"]
    autocomplete_fields = ["session"]
    fields = ["session", "title", "file", "is_public", "order"]

    @admin.display(description=_("forum"), ordering="session__forum")
    def forum(self, material):
        return material.session.forum
