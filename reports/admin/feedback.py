from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from events.admin.writes import ServiceWritesAdmin
from reports.models import Feedback
from reports.services import feedback_mark_reviewed


@admin.register(Feedback)
class FeedbackAdmin(ServiceWritesAdmin, admin.ModelAdmin):
    """Suggestions from the public pages, for staff to read and mark as reviewed."""

    list_display = ["received_at", "bulletin", "name", "excerpt", "language", "is_reviewed"]
    list_filter = ["is_reviewed", "language", "bulletin"]
    list_select_related = ["bulletin"]
    search_fields = ["message", "name", "email"]
    date_hierarchy = "received_at"
    fields = ["bulletin", "received_at", "name", "email", "language", "message", "is_reviewed"]
    readonly_fields = ["bulletin", "received_at", "name", "email", "language", "message"]
    actions = ["mark_reviewed"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("suggestion"))
    def excerpt(self, feedback):
        return feedback.message[:80]

    @admin.action(description=_("Mark the selected suggestions as reviewed"))
    def mark_reviewed(self, request, queryset):
        feedback_mark_reviewed(feedback=queryset)
