"""Read-only records: check-ins, exports and anonymisations of delegates' data, staged imports."""

from django.contrib import admin

from amf.admin import GuardedAdmin
from delegates.admin.person import PersonSearchMixin
from delegates.models import AccessLink, Anonymisation, Attendance, ExportLog, StagedImport
from events.admin.writes import ServiceWritesAdmin


class ReadOnlyAdmin(ServiceWritesAdmin, GuardedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Attendance)
class AttendanceAdmin(PersonSearchMixin, ServiceWritesAdmin, GuardedAdmin):
    """Check-ins are made on the check-in page; here they are listed and, if need be, corrected."""

    person_lookup = "participation__person"
    list_display = ["participation", "day", "checked_in_at", "checked_in_by"]
    autocomplete_fields = ["participation"]
    raw_id_fields = ["checked_in_by"]
    list_filter = ["participation__forum", "day"]
    list_select_related = ["participation__person", "checked_in_by"]
    search_fields = ["checked_in_by__username"]
    date_hierarchy = "day"


@admin.register(ExportLog)
class ExportLogAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "kind",
        "forum",
        "person",
        "user",
        "row_count",
        "includes_contact_details",
    ]
    list_filter = ["kind", "includes_contact_details", "forum"]
    list_select_related = ["forum", "person", "user"]
    search_fields = ["user__username"]
    date_hierarchy = "created_at"

    def has_delete_permission(self, request, obj=None):
        # The log is the record of who took personal data out; nobody edits it away.
        return False


@admin.register(Anonymisation)
class AnonymisationAdmin(ReadOnlyAdmin):
    """Who erased which forum's delegates' personal data, when, and how many people."""

    list_display = ["performed_at", "forum_title", "user", "people", "kept", "retention_days"]
    list_filter = ["forum"]
    list_select_related = ["user"]
    search_fields = ["forum_title", "user__username"]
    date_hierarchy = "performed_at"
    fields = [
        "performed_at",
        "forum",
        "forum_title",
        "user",
        "people",
        "kept",
        "retention_days",
        "staged_imports_discarded",
    ]

    def has_delete_permission(self, request, obj=None):
        # The record of an erasure is kept; it holds no personal data.
        return False


@admin.register(StagedImport)
class StagedImportAdmin(ReadOnlyAdmin):
    """Uploaded files waiting to be imported; they go once imported, or after a day."""

    list_display = ["name", "forum", "user", "size", "created_at"]
    list_select_related = ["forum", "user"]
    search_fields = ["name", "user__username"]
    date_hierarchy = "created_at"
    # The contents hold delegates' personal data and the token is its holder's key.
    fields = ["name", "forum", "user", "size", "created_at", "import_job"]
    restricted_fields = {"data": None, "token": None}

    def get_queryset(self, request):
        return super().get_queryset(request).without_data()


@admin.register(AccessLink)
class AccessLinkAdmin(PersonSearchMixin, ReadOnlyAdmin):
    """The personal links issued: to whom, by whom, when used, when revoked.

    Issued and revoked by the participation list's actions; the key, the link's secret,
    is shown to nobody (the participation's page shows the live link itself).
    """

    person_lookup = "participation__person"
    list_display = [
        "participation",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]
    fields = list_display
    restricted_fields = {"key": None}
    list_filter = ["participation__forum"]
    list_select_related = ["participation__person", "created_by", "revoked_by"]
    search_fields = ["created_by__username"]
    date_hierarchy = "created_at"

    def has_delete_permission(self, request, obj=None):
        # Revoked links stay, so that who could open what, and when, stays on record.
        return False
