"""Dated notices at the top of a forum's public programme: "the closing session moves to 15:00"."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models.forum import Forum


class ProgrammeNoticeQuerySet(models.QuerySet):
    def published(self):
        """Notices shown on the public programme, newest first."""
        return self.filter(published=True).order_by("-date", "-pk")


class ProgrammeNotice(models.Model):
    """A change to the programme, announced with its date on the forum's public programme."""

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="notices", verbose_name=_("forum")
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("text"), max_length=1000)
    published = models.BooleanField(
        _("published"), default=True, help_text=_("Shown at the top of the public programme.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgrammeNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme notice")
        verbose_name_plural = _("programme notices")
        ordering = ["forum", "-date", "-pk"]

    def __str__(self):
        return f"{self.date.isoformat()}: {self.text[:60]}"
