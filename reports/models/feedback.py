from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.models.bulletin import Bulletin


class Feedback(models.Model):
    """A suggestion a visitor sent about a published bulletin, kept for the office's staff."""

    bulletin = models.ForeignKey(
        Bulletin, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("bulletin")
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    message = models.TextField(_("suggestion"))
    language = models.CharField(_("language"), max_length=8)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    is_reviewed = models.BooleanField(_("reviewed"), default=False)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-received_at"]
        permissions = [("view_feedback_sender", _("Can see who sent a suggestion"))]

    def __str__(self):
        return self.message[:60]
