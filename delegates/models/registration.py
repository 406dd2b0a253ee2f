"""Self-registration: a forum opened to a public form, and what each registrant sent.

Kept in the delegates app: the events app knows nothing of people, and registering is
about people.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from delegates.models.participation import Participation
from events.models import Forum

# The participations a forum's capacity counts: those holding or awaiting a seat.
SEAT_HOLDING = (
    Participation.RegistrationStatus.REGISTERED,
    Participation.RegistrationStatus.CONFIRMED,
)


class RegistrationState(models.TextChoices):
    """Where a forum's registration stands at a moment."""

    NONE = "none", _("Not offered")
    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open")
    FULL = "full", _("Full")
    CLOSED = "closed", _("Closed")


@dataclass(frozen=True)
class RegistrationWindow:
    """What a forum's public pages need to know of its registration, at any moment.

    Cached under the forum's version: every change to the settings, and every change that
    fills the last seat or frees one, moves that version.
    """

    offered: bool = False
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    full: bool = False

    def state(self, *, at: dt.datetime) -> RegistrationState:
        if not self.offered:
            return RegistrationState.NONE
        if at < self.opens_at:
            return RegistrationState.UPCOMING
        if at >= self.closes_at:
            return RegistrationState.CLOSED
        if self.full:
            return RegistrationState.FULL
        return RegistrationState.OPEN


class ForumRegistrationQuerySet(models.QuerySet):
    def window_of(self, forum_id: int) -> RegistrationWindow:
        """The registration window of the forum, seats counted (up to 2 queries)."""
        settings_row = self.filter(forum_id=forum_id, is_open=True).first()
        if settings_row is None:
            return RegistrationWindow()
        return RegistrationWindow(
            offered=True,
            opens_at=settings_row.opens_at,
            closes_at=settings_row.closes_at,
            full=settings_row.is_full(),
        )


class ForumRegistration(models.Model):
    """Whether, when and for how many a forum takes registrations on its public form."""

    forum = models.OneToOneField(
        Forum, on_delete=models.CASCADE, related_name="registration", verbose_name=_("forum")
    )
    is_open = models.BooleanField(
        _("open for registration"),
        default=False,
        help_text=_("Offer the public registration form between the opening and closing times."),
    )
    opens_at = models.DateTimeField(_("opens at"), help_text=_("In the forum's time zone."))
    closes_at = models.DateTimeField(_("closes at"), help_text=_("In the forum's time zone."))
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_(
            "How many registered and confirmed participants the forum takes, whoever added "
            "them; empty for no limit."
        ),
    )
    note = models.TextField(
        _("note for registrants"),
        blank=True,
        help_text=_("Shown above the registration form, e.g. who may register."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ForumRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="forum_registration_closes_after_opening",
                violation_error_message=_("Registration must close after it opens."),
            ),
        ]

    def __str__(self):
        return str(_("Registration for %(forum)s")) % {"forum": self.forum}

    def seats_taken(self) -> int:
        """Participations of the forum holding or awaiting a seat (1 query)."""
        return Participation.objects.filter(
            forum_id=self.forum_id, registration_status__in=SEAT_HOLDING
        ).count()

    def is_full(self) -> bool:
        return self.capacity is not None and self.seats_taken() >= self.capacity


class SelfRegistration(models.Model):
    """What a registrant sent on the public form, and the office's decision on it.

    The participation holds the person and their part (the person the language they wrote
    in, which the office answers in); this keeps what the form alone knows, their
    organisation as they typed it, for staff to link to the directory, and the decision.
    """

    participation = models.OneToOneField(
        Participation,
        on_delete=models.CASCADE,
        related_name="self_registration",
        verbose_name=_("participation"),
    )
    organisation_name = models.CharField(_("organisation as given"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    class Meta:
        verbose_name = _("self-registration")
        verbose_name_plural = _("self-registrations")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return str(_("Self-registration of %(participation)s")) % {
            "participation": self.participation
        }
