import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long an uploaded file waits for its confirmation.
STAGED_IMPORT_LIFETIME = dt.timedelta(hours=1)


class StagedImportQuerySet(models.QuerySet):
    def fresh(self, *, now: dt.datetime | None = None):
        """Files younger than their lifetime."""
        return self.filter(created_at__gt=(now or timezone.now()) - STAGED_IMPORT_LIFETIME)

    def expired(self, *, now: dt.datetime | None = None):
        """Files past their lifetime, which nobody may confirm any more."""
        return self.filter(created_at__lte=(now or timezone.now()) - STAGED_IMPORT_LIFETIME)

    def without_data(self):
        """The files' particulars without their (possibly large) contents."""
        return self.defer("data")


class StagedImport(models.Model):
    """An uploaded delegate file between its preview and its confirmation.

    Kept in the database rather than on an app server's disk, so that the confirmation may
    be served by any app server behind the proxy.
    """

    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    name = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("contents"))
    size = models.PositiveIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now, db_index=True)

    objects = StagedImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("staged import")
        verbose_name_plural = _("staged imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.name
