import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Forum


def staged_import_lifetime() -> dt.timedelta:
    """How long an uploaded file is kept: for its preview, confirmation and any retry."""
    return dt.timedelta(hours=settings.JOBS_RESULT_HOURS)


class StagedImportQuerySet(models.QuerySet):
    def fresh(self, *, now: dt.datetime | None = None):
        """Files younger than their lifetime."""
        return self.filter(created_at__gt=(now or timezone.now()) - staged_import_lifetime())

    def expired(self, *, now: dt.datetime | None = None):
        """Files past their lifetime, which nobody may import any more."""
        return self.filter(created_at__lte=(now or timezone.now()) - staged_import_lifetime())

    def without_data(self):
        """The files' particulars without their (possibly large) contents."""
        return self.defer("data")


class StagedImport(models.Model):
    """An uploaded delegate file, from its upload until it is imported (or expires).

    Kept in the database rather than on an app server's disk, so that the background worker
    and any app server can read it. It belongs to one forum and one user, those of the
    upload: the preview and the import read the forum from here, never from a form.
    """

    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="+", verbose_name=_("forum")
    )
    name = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("contents"))
    size = models.PositiveIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now, db_index=True)
    import_job = models.OneToOneField(
        "amf.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("import"),
        help_text=_("The background job importing the file, once its preview is confirmed."),
    )

    objects = StagedImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("staged import")
        verbose_name_plural = _("staged imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.name
