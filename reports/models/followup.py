from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delegates.models import Organisation
from events.models import Forum
from reports.models.bulletin import Bulletin


class FollowUpActionQuerySet(models.QuerySet):
    def pending(self):
        """Actions still to be done: open or in progress."""
        return self.filter(
            status__in=[FollowUpAction.Status.OPEN, FollowUpAction.Status.IN_PROGRESS]
        )

    def overdue(self, *, today: date | None = None):
        """Pending actions whose due date has passed, judged by the office's calendar day."""
        today = today or timezone.localdate()
        return self.pending().filter(due_on__lt=today)


class FollowUpAction(models.Model):
    """Something agreed at a forum that a unit of the city must follow up."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="follow_up_actions", verbose_name=_("forum")
    )
    bulletin = models.ForeignKey(
        Bulletin,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_up_actions",
        verbose_name=_("bulletin"),
    )
    title = models.CharField(_("action"), max_length=400)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="follow_up_actions",
        verbose_name=_("owning unit"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FollowUpActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(completed_on__isnull=False),
                name="followup_done_has_completion_date",
                violation_error_message=_("A completed action needs its completion date."),
            ),
        ]

    def __str__(self):
        return self.title
