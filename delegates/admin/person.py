from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from amf.admin import (
    HistoryAdmin,
    ListInlineMixin,
    QuerysetOrderChangeList,
    TabbedTranslationAdmin,
)
from amf.collation import thai_order
from delegates.admin.access import access_file_view, may_produce_access_file
from delegates.models import Participation, Person
from events.admin.writes import ServiceWritesAdmin

CONTACT_FIELDS = ("email", "phone")
CONTACT_PERMISSION = "delegates.view_contact_details"
EXPORT_CONTACT_PERMISSION = "delegates.export_contact_details"


def can_see_contact_details(user) -> bool:
    """Whether the user may see people's email addresses and phone numbers."""
    return user.has_perm(CONTACT_PERMISSION)


def can_export_contact_details(user) -> bool:
    """Whether exports the user makes may include email addresses and phone numbers."""
    return user.has_perm(CONTACT_PERMISSION) and user.has_perm(EXPORT_CONTACT_PERMISSION)


class PersonSearchMixin:
    """Search a model by the names of the person it points to, as the person admin does."""

    person_lookup = "person"

    def get_search_results(self, request, queryset, search_term):
        matches, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            people = Person.objects.search(search_term)
            matches |= queryset.filter(**{f"{self.person_lookup}__in": people})
        return matches, may_have_duplicates


class PersonParticipationInline(ListInlineMixin, admin.TabularInline):
    model = Participation
    fields = ["forum", "role", "delegation", "registration_status"]
    autocomplete_fields = ["forum", "delegation"]
    extra = 0
    show_change_link = True


@admin.register(Person)
class PersonAdmin(HistoryAdmin, ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["name", "position", "organisation", *CONTACT_FIELDS]
    # Hidden from forms, lists, filters, search and history without the permission (amf.guard).
    restricted_fields = dict.fromkeys(CONTACT_FIELDS, CONTACT_PERMISSION)
    list_filter = [
        "organisation__kind",
        ("organisation__country", admin.RelatedOnlyFieldListFilter),
        "participations__forum",
    ]
    list_select_related = ["organisation"]
    # Searching goes through Person.objects.search (see get_search_results); the fields
    # are listed so the admin offers a search box and autocomplete.
    search_fields = ["first_name_th", "first_name_en", "last_name_th", "last_name_en"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["honorific", "first_name", "last_name", "position", "organisation"]}),
        (_("Contact details"), {"fields": list(CONTACT_FIELDS)}),
        (_("Biography and photo"), {"fields": ["bio", "photo"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]
    inlines = [PersonParticipationInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).in_thai_order()
        # Named so the default order and the name column share one Thai sort.
        return queryset.alias(
            thai_first=thai_order("sort_first", using=queryset.db),
            thai_last=thai_order("sort_last", using=queryset.db),
        )

    def get_changelist(self, request, **kwargs):
        return QuerysetOrderChangeList

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/access-file/",
                view(lambda request, object_id: access_file_view(self, request, object_id)),
                name="delegates_person_access_file",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["may_produce_access_file"] = obj is not None and may_produce_access_file(
            self, request, obj
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_search_results(self, request, queryset, search_term):
        # Names only, in Thai or English: never contact details, whoever searches.
        return queryset.search(search_term), False

    @admin.display(description=_("name"), ordering="thai_first")
    def name(self, person):
        return person.full_name
