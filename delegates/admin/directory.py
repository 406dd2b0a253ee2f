from django.contrib import admin

from amf.admin import TabbedTranslationAdmin, ThaiOrderAdminMixin
from delegates.models import Country, Organisation
from events.admin.writes import ServiceWritesAdmin


@admin.register(Country)
class CountryAdmin(ThaiOrderAdminMixin, ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["name", "code", "code3", "is_asean_member"]
    list_filter = ["is_asean_member"]
    search_fields = ["code", "code3", "name_th", "name_en"]
    fields = ["name", "code", "code3", "is_asean_member"]


@admin.register(Organisation)
class OrganisationAdmin(ThaiOrderAdminMixin, ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["name", "acronym", "kind", "country", "parent"]
    list_filter = ["kind", ("country", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["country", "parent"]
    search_fields = ["name_th", "name_en", "acronym"]
    autocomplete_fields = ["country", "parent"]
    fields = ["name", "acronym", "kind", "country", "parent", "website"]
