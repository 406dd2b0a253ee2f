from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from amf.dates import format_date
from amf.richtext import RichTextField
from amf.uploads import CheckedFileField, RandomName
from events.languages import LanguagesField
from events.models.forum import Forum
from events.models.venue import Room


class SessionQuerySet(models.QuerySet):
    def in_programme_order(self):
        """Sessions as the programme lists them: by start time, then by the set order."""
        return self.order_by("starts_at", "order", "pk")


class Session(models.Model):
    """One item of a forum's programme."""

    class Kind(models.TextChoices):
        CEREMONY = "ceremony", _("Ceremony")
        PLENARY = "plenary", _("Plenary")
        PANEL = "panel", _("Panel")
        WORKSHOP = "workshop", _("Workshop")
        SIDE_EVENT = "side_event", _("Side event")
        SITE_VISIT = "site_visit", _("Site visit")
        BREAK = "break", _("Break")
        RECEPTION = "reception", _("Reception")

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("forum")
    )
    title = models.CharField(_("title"), max_length=300)
    description = RichTextField(_("description"), blank=True)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("room"),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Orders sessions that start at the same time.")
    )
    interpretation_languages = LanguagesField(
        _("interpretation provided"),
        help_text=_("The languages interpreters provide in this session."),
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "order", "pk"]
        indexes = [models.Index(fields=["forum", "starts_at"], name="session_forum_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        """Keep the session within its forum's dates, counted in the forum's time zone."""
        super().clean()
        if not (self.forum_id and self.starts_at and self.ends_at):
            return
        zone = self.forum.zone
        first, last = self.forum.start_date, self.forum.end_date
        if not (
            first <= self.starts_at.astimezone(zone).date() <= last
            and first <= self.ends_at.astimezone(zone).date() <= last
        ):
            raise ValidationError(
                _("The session must take place between %(start)s and %(end)s, the forum's dates."),
                params={"start": format_date(first), "end": format_date(last)},
            )


class SessionMaterialQuerySet(models.QuerySet):
    def public(self):
        """Materials staff marked for the public pages."""
        return self.filter(is_public=True)


class SessionMaterial(models.Model):
    """A file of a session, such as a speaker's slides, for delegates to download."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="materials", verbose_name=_("session")
    )
    title = models.CharField(_("title"), max_length=300)
    file = CheckedFileField(
        _("file"),
        upload_to=RandomName("materials"),
        max_length=200,
        help_text=_("PDF, PowerPoint, Word, Excel or an image; checked by its content."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Whether delegates may download it from the session's public page."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SessionMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("session material")
        verbose_name_plural = _("session materials")
        ordering = ["session", "order", "pk"]

    def __str__(self):
        return self.title
