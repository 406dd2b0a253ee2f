from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.models.bulletin import Bulletin


class BulletinRevisionQuerySet(models.QuerySet):
    def in_order(self):
        """Revisions oldest first, with the user who made each."""
        return self.select_related("created_by").order_by("number")


class BulletinRevision(models.Model):
    """A bulletin's text as it stood at a step of its workflow or at a later revision.

    The snapshot holds every section in Thai and English, venue and dates included, so an
    earlier revision reads as it did then even after the forum or the bulletin changes.
    """

    class Event(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned to the reporter")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        CORRECTED = "corrected", _("Corrected before publication")
        PUBLISHED = "published", _("Published")
        REVISED = "revised", _("Revised after publication")

    bulletin = models.ForeignKey(
        Bulletin, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("bulletin")
    )
    number = models.PositiveIntegerField(_("revision"))
    event = models.CharField(_("event"), max_length=16, choices=Event.choices)
    content = models.JSONField(_("content"))
    note = models.TextField(_("reason for the revision"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = BulletinRevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("bulletin revision")
        verbose_name_plural = _("bulletin revisions")
        ordering = ["bulletin", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "number"],
                name="bulletin_revision_number_unique",
                violation_error_message=_("This bulletin already has a revision with that number."),
            ),
        ]

    def __str__(self):
        return f"{self.bulletin} – {self.number}"
