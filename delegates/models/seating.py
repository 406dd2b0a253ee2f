"""Seating plans: who sits where in a session, by protocol precedence (see delegates/seating.py)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from delegates.models.participation import LISTED_COUNTRY_RELATIONS, Participation
from delegates.seating import HEAD_TABLE
from events.models import Session

# Large enough for a plenary hall; small enough that a plan stays a page of print.
MAX_HEAD_TABLE = 30
MAX_ROW_WIDTH = 40
MAX_ROWS = 60


class SeatingPlan(models.Model):
    """The seating of one session: a head table facing rows of seats."""

    class Audience(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed participants")
        REGISTERED = "registered", _("Registered and confirmed participants")
        CHECKED_IN = "checked_in", _("Participants checked in on the session's day")
        NONE = "none", _("Nobody: the head table only")

    session = models.OneToOneField(
        Session,
        on_delete=models.CASCADE,
        related_name="seating_plan",
        verbose_name=_("session"),
    )
    head_table_size = models.PositiveSmallIntegerField(
        _("seats at the head table"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_HEAD_TABLE)],
        help_text=_(
            "Empty: the session's chairs, moderators and speakers and the forum's host. "
            "A number: the first in precedence fill that many seats."
        ),
    )
    row_width = models.PositiveSmallIntegerField(
        _("seats per row"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ROW_WIDTH)],
    )
    rows = models.PositiveSmallIntegerField(
        _("rows"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_ROWS)],
        help_text=_(
            "Empty: as many as the participants need. A number: the hall's rows; "
            "whoever does not fit is listed as without a seat."
        ),
    )
    audience = models.CharField(
        _("seated in the rows"),
        max_length=16,
        choices=Audience.choices,
        default=Audience.CONFIRMED,
        help_text=_("Staff and media are never seated; cancelled participants neither."),
    )
    proposed_at = models.DateTimeField(_("proposed from precedence"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("seating plan")
        verbose_name_plural = _("seating plans")
        ordering = ["session__starts_at", "session__order", "pk"]

    def __str__(self):
        return str(self.session)


class SeatQuerySet(models.QuerySet):
    def in_plan_order(self):
        """Seats as the plan is read: the head table, then rows front to back, left to right."""
        return self.order_by("row", "position")

    def with_people(self):
        """Seats with the person, delegation and country each seat's card and label show."""
        return self.select_related(
            "participation__person",
            *(f"participation__{relation}" for relation in LISTED_COUNTRY_RELATIONS),
        )

    def occupied(self):
        return self.exclude(participation=None)


class Seat(models.Model):
    """One seat of a plan, and the participant in it (or nobody)."""

    plan = models.ForeignKey(
        SeatingPlan, on_delete=models.CASCADE, related_name="seats", verbose_name=_("plan")
    )
    row = models.PositiveSmallIntegerField(
        _("row"), help_text=_("0 is the head table; rows count from the front.")
    )
    position = models.PositiveSmallIntegerField(
        _("seat"), help_text=_("Counted from 1 at the audience's left.")
    )
    participation = models.ForeignKey(
        Participation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seats",
        verbose_name=_("participant"),
    )

    objects = SeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["plan", "row", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "row", "position"],
                name="seat_unique_place",
                # Checked at the end of each statement, so that one statement may swap seats.
                deferrable=models.Deferrable.IMMEDIATE,
                violation_error_message=_("The plan already has that seat."),
            ),
            # Empty seats hold NULL, which PostgreSQL never counts as a duplicate.
            models.UniqueConstraint(
                fields=["plan", "participation"],
                name="seat_one_per_participant",
                deferrable=models.Deferrable.IMMEDIATE,
                violation_error_message=_("This participant already has a seat in the plan."),
            ),
        ]

    def __str__(self):
        # A seat's name holds no person's: it is what the history and the admin's log show.
        return str(self.label)

    @property
    def label(self) -> str:
        return seat_label(self.row, self.position)

    @property
    def is_head_table(self) -> bool:
        return self.row == HEAD_TABLE


def seat_label(row: int, position: int) -> str:
    if row == HEAD_TABLE:
        return _("Head table, seat %(position)d") % {"position": position}
    return pgettext_lazy("seating", "Row %(row)d, seat %(position)d") % {
        "row": row,
        "position": position,
    }
