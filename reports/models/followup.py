from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amf.collation import thai_order
from delegates.models import Organisation
from events.models import Forum
from reports.models.bulletin import Bulletin


class FollowUpActionQuerySet(models.QuerySet):
    def pending(self):
        """Actions still to be done: open or in progress, and not carried over to a later forum."""
        return self.filter(
            status__in=[FollowUpAction.Status.OPEN, FollowUpAction.Status.IN_PROGRESS],
            carried_over_to__isnull=True,
        )

    def overdue(self, *, today: date | None = None):
        """Pending actions whose due date has passed, judged by the office's calendar day."""
        today = today or timezone.localdate()
        return self.pending().filter(due_on__lt=today)

    def with_overdue_flag(self, *, today: date | None = None):
        """Annotate `is_overdue`, true for the actions `overdue()` would return."""
        today = today or timezone.localdate()
        condition = models.Q(
            status__in=[FollowUpAction.Status.OPEN, FollowUpAction.Status.IN_PROGRESS],
            carried_over_to__isnull=True,
            due_on__lt=today,
        )
        return self.annotate(
            is_overdue=models.ExpressionWrapper(condition, output_field=models.BooleanField())
        )

    def for_export(self):
        """Actions with everything an export row shows, fetched in a fixed number of queries."""
        return (
            self.with_overdue_flag()
            .select_related("forum", "bulletin", "owner", "carried_over_from__forum")
            .prefetch_related("progress_notes")
        )

    def due_soon(self, *, today: date | None = None, days: int = 7):
        """Pending actions due from today to `days` days ahead, by the office's calendar day."""
        today = today or timezone.localdate()
        return self.pending().filter(due_on__gte=today, due_on__lte=today + timedelta(days=days))

    def by_owner(self):
        """Actions grouped by owning unit (units in Thai dictionary order), soonest due first."""
        return self.select_related("owner", "forum").order_by(
            thai_order("owner__name_th", using=self.db),
            "owner_id",
            models.F("due_on").asc(nulls_last=True),
            "pk",
        )

    def carried_over(self):
        """Actions that continue an action of an earlier edition of their forum's series."""
        return self.filter(carried_over_from__isnull=False).select_related(
            "forum__series", "carried_over_from__forum", "owner"
        )


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
    carried_over_from = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_over_to",
        verbose_name=_("carried over from"),
        help_text=_("The unfinished action of an earlier forum that this action continues."),
    )
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


class ProgressNote(models.Model):
    """A dated note on how a follow-up action is going."""

    action = models.ForeignKey(
        FollowUpAction,
        on_delete=models.CASCADE,
        related_name="progress_notes",
        verbose_name=_("follow-up action"),
    )
    noted_on = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("progress"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["noted_on", "pk"]

    def __str__(self):
        return self.text[:60]
