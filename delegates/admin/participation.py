from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from amf.admin import HistoryAdmin, TabbedTranslationAdmin
from delegates.admin.person import PersonSearchMixin
from delegates.models import ForumPartner, Participation, SessionRole


@admin.register(ForumPartner)
class ForumPartnerAdmin(TabbedTranslationAdmin):
    list_display = ["organisation", "role", "forum", "order"]
    list_filter = ["role", "forum"]
    list_select_related = ["organisation", "forum"]
    search_fields = ["organisation__name_th", "organisation__name_en", "organisation__acronym"]
    autocomplete_fields = ["forum", "organisation"]
    fields = ["forum", "organisation", "role", "order", "note"]


@admin.register(Participation)
class ParticipationAdmin(PersonSearchMixin, HistoryAdmin):
    list_display = [
        "person",
        "forum",
        "delegation",
        "role",
        "registration_status",
        "precedence",
        "consents_to_public_listing",
    ]
    # Big forums are managed here rather than inline, so the common edits are one click.
    list_editable = ["role", "registration_status", "precedence"]
    list_filter = ["forum", "role", "registration_status", "consents_to_public_listing"]
    list_select_related = ["person", "forum", "delegation"]
    search_fields = ["delegation__name_th", "delegation__name_en", "delegation__acronym"]
    autocomplete_fields = ["forum", "person", "delegation"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["forum", "person", "role", "delegation"]}),
        (_("Registration"), {"fields": ["registration_status", "precedence"]}),
        (_("Consent"), {"fields": ["consents_to_public_listing", "consent_recorded_on"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]


@admin.register(SessionRole)
class SessionRoleAdmin(PersonSearchMixin, TabbedTranslationAdmin):
    list_display = ["person", "role", "session", "session_forum", "order"]
    list_filter = ["role", "session__forum"]
    list_select_related = ["person", "session__forum"]
    search_fields = ["session__title_th", "session__title_en"]
    autocomplete_fields = ["session", "person"]
    fields = ["session", "person", "role", "order", "contribution"]

    @admin.display(description=_("forum"), ordering="session__forum")
    def session_forum(self, role):
        return role.session.forum
