from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Forum


class Anonymisation(models.Model):
    """A record that a forum's delegates' personal data were erased, holding none of it.

    Kept for accountability under the PDPA: who erased, when, for which forum and how many
    people; the people themselves are not named, since that is what was erased.
    """

    forum = models.ForeignKey(
        Forum,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forum"),
    )
    forum_title = models.CharField(
        _("forum title"),
        max_length=300,
        help_text=_("As it was at the time, in case the forum is later deleted."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
        help_text=_("Empty when it was done with a management command."),
    )
    performed_at = models.DateTimeField(_("performed at"), auto_now_add=True)
    retention_days = models.PositiveIntegerField(_("retention period (days)"))
    people = models.PositiveIntegerField(_("people anonymised"))
    kept = models.PositiveIntegerField(
        _("people kept"),
        help_text=_("Kept because they take part in a more recent forum or a record names them."),
    )
    staged_imports_discarded = models.PositiveIntegerField(_("uploads discarded"))

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")
        ordering = ["-performed_at", "-pk"]

    def __str__(self):
        return f"{self.forum_title} – {timezone.localtime(self.performed_at):%Y-%m-%d %H:%M}"
