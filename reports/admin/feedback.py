from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from amf.admin import GuardedAdmin
from events.admin.writes import ServiceWritesAdmin
from reports.models import Feedback
from reports.services import feedback_mark_reviewed

# Who sent a suggestion is personal data: only the staff who answer suggestions see it.
SENDER_PERMISSION = "reports.view_feedback_sender"


@admin.register(Feedback)
class FeedbackAdmin(ServiceWritesAdmin, GuardedAdmin):
    """Suggestions from the public pages, for staff to read and mark as reviewed."""

    list_display = [
        "received_at",
        "bulletin",
        "name",
        "email",
        "excerpt",
        "language",
        "is_reviewed",
    ]
    list_filter = ["is_reviewed", "language", "bulletin"]
    list_select_related = ["bulletin"]
    search_fields = ["message", "name", "email"]
    date_hierarchy = "received_at"
    fields = ["bulletin", "received_at", "name", "email", "language", "message", "is_reviewed"]
    readonly_fields = ["bulletin", "received_at", "name", "email", "language", "message"]
    restricted_fields = {"name": SENDER_PERMISSION, "email": SENDER_PERMISSION}
    actions = ["mark_reviewed"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("suggestion"))
    def excerpt(self, feedback):
        return feedback.message[:80]

    @admin.action(
        permissions=["change"], description=_("Mark the selected suggestions as reviewed")
    )
    def mark_reviewed(self, request, queryset):
        feedback_mark_reviewed(suggestions=queryset)
