from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models import Forum


class ExportLog(models.Model):
    """A record that someone exported delegates' data, kept for accountability under the PDPA."""

    class Kind(models.TextChoices):
        DELEGATES_CSV = "delegates_csv", _("Delegates (CSV)")
        DELEGATES_XLSX = "delegates_xlsx", _("Delegates (XLSX)")
        LIST_CSV = "list_csv", _("Delegate list (CSV)")
        LIST_PDF = "list_pdf", _("Delegate list (PDF)")
        BADGES_PDF = "badges_pdf", _("Name badges (PDF)")
        SEATING_PLAN_PDF = "seating_plan_pdf", _("Seating plan (PDF)")
        PLACE_CARDS_PDF = "place_cards_pdf", _("Place cards (PDF)")
        STATISTICS_CSV = "statistics_csv", _("Statistics (CSV)")
        ACCESS_FILE = "access_file", _("A person's own data (PDPA access file)")
        LOGISTICS_CSV = "logistics_csv", _("Protocol desk list (CSV)")
        LOGISTICS_XLSX = "logistics_xlsx", _("Protocol desk list (XLSX)")
        LOGISTICS_PDF = "logistics_pdf", _("Protocol desk list (PDF)")

    forum = models.ForeignKey(
        Forum,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forum"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
        help_text=_("Empty when the export was made with a management command."),
    )
    person = models.ForeignKey(
        "delegates.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
        help_text=_("Whose data an access file held; empty for lists of delegates."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    row_count = models.PositiveIntegerField(_("rows"))
    includes_contact_details = models.BooleanField(_("includes contact details"))
    created_at = models.DateTimeField(_("exported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("export log entry")
        verbose_name_plural = _("export log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.created_at:%Y-%m-%d %H:%M}"
