from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from amf.admin import TabbedTranslationAdmin
from events.admin.writes import ServiceWritesAdmin
from events.models import Room, Venue


class RoomInline(TranslationTabularInline):
    model = Room
    fields = ["name", "capacity"]
    extra = 0
    show_change_link = True


@admin.register(Venue)
class VenueAdmin(ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["name", "city", "room_count", "forum_count"]
    search_fields = ["name_th", "name_en", "city_th", "city_en"]
    fields = ["name", "city", "address", "website"]
    inlines = [RoomInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                room_count=Count("rooms", distinct=True),
                forum_count=Count("forums", distinct=True),
            )
        )

    @admin.display(description=_("rooms"), ordering="room_count")
    def room_count(self, venue):
        return venue.room_count

    @admin.display(description=_("forums"), ordering="forum_count")
    def forum_count(self, venue):
        return venue.forum_count


@admin.register(Room)
class RoomAdmin(ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["name", "venue", "capacity"]
    list_filter = ["venue"]
    list_select_related = ["venue"]
    search_fields = ["name_th", "name_en", "venue__name_th", "venue__name_en"]
    autocomplete_fields = ["venue"]
    fields = ["venue", "name", "capacity"]
