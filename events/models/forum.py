import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amf.dates import format_date_range
from amf.richtext import RichTextField
from events.models.venue import Venue


def validate_time_zone(value: str) -> None:
    """Reject names that are not IANA time zones."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class ForumSeries(models.Model):
    """A recurring forum, such as the ASEAN Mayors Forum, whose editions are forums."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        verbose_name = _("forum series")
        verbose_name_plural = _("forum series")
        ordering = ["name"]

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class ForumVersion:
    """What a cached public page needs to know of its forum: which it is and when it changed."""

    pk: int
    updated_at: str
    start_date: date
    end_date: date
    time_zone: str

    @cached_property
    def key(self) -> str:
        """A cache-key part that changes whenever anything the forum's pages show changes."""
        stamp = "".join(ch for ch in self.updated_at if ch.isalnum())
        return f"{self.pk}:{stamp}"

    def is_running(self, *, at: datetime) -> bool:
        """Whether `at` falls on one of the forum's days, in its own time zone."""
        today = at.astimezone(zoneinfo.ZoneInfo(self.time_zone)).date()
        return self.start_date <= today <= self.end_date


class ForumQuerySet(models.QuerySet):
    def version_of(self, slug: str) -> ForumVersion | None:
        """The version of the published forum with `slug`, or None, in one small query."""
        row = (
            self.published()
            .filter(slug=slug)
            .values_list("pk", "updated_at", "start_date", "end_date", "time_zone")
            .first()
        )
        if row is None:
            return None
        pk, updated_at, start_date, end_date, time_zone = row
        return ForumVersion(
            pk=pk,
            updated_at=updated_at.isoformat(),
            start_date=start_date,
            end_date=end_date,
            time_zone=time_zone,
        )

    def published(self):
        """Forums visible on the public site."""
        return self.filter(is_published=True)

    def upcoming(self, *, today: date | None = None):
        """Forums that have not ended yet, soonest first."""
        today = today or timezone.localdate()
        return self.filter(end_date__gte=today).order_by("start_date")

    def past(self, *, today: date | None = None):
        """Forums that have ended, most recent first."""
        today = today or timezone.localdate()
        return self.filter(end_date__lt=today).order_by("-start_date")


class Forum(models.Model):
    """One edition of a forum: the meeting the office hosts or attends."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        CONCLUDED = "concluded", _("Concluded")

    series = models.ForeignKey(
        ForumSeries,
        on_delete=models.PROTECT,
        related_name="forums",
        verbose_name=_("series"),
    )
    edition = models.PositiveSmallIntegerField(_("edition number"))
    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    description = RichTextField(_("description"), blank=True)
    slug = models.SlugField(_("slug"), unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        related_name="forums",
        verbose_name=_("venue"),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Asia/Bangkok",
        validators=[validate_time_zone],
        help_text=_("The IANA time zone, e.g. Asia/Bangkok, in which programme times are shown."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    is_published = models.BooleanField(_("published"), default=False)
    reported_participant_count = models.PositiveIntegerField(
        _("reported participants"),
        null=True,
        blank=True,
        help_text=_("The attendance figure the organisers reported, for the record."),
    )
    website = models.URLField(_("website"), blank=True)
    frameworks = models.ManyToManyField(
        "events.Framework",
        blank=True,
        related_name="forums",
        verbose_name=_("related frameworks"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ForumQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="forum_ends_on_or_after_start",
                violation_error_message=_("The forum cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["series", "edition"],
                name="forum_edition_unique_per_series",
                violation_error_message=_("This series already has a forum with that edition."),
            ),
        ]

    def __str__(self):
        return self.title

    def dates_display(self, *, spaced: bool = False) -> str:
        """The forum's dates in the active language and its era ("26–28 สิงหาคม 2562")."""
        return format_date_range(self.start_date, self.end_date, spaced=spaced)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The forum's time zone as an object."""
        return zoneinfo.ZoneInfo(self.time_zone)
