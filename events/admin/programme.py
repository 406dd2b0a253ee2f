from django.contrib import admin

from amf.admin import LocalTimeAdminMixin, TabbedTranslationAdmin
from events.admin.writes import ServiceWritesAdmin
from events.models import Session


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
    fields = ["forum", "title", "kind", "starts_at", "ends_at", "room", "order", "description"]

    def time_zone_for(self, object_id):
        sessions = Session.objects.filter(pk=object_id)
        return sessions.values_list("forum__time_zone", flat=True).first()
