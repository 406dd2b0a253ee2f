"""The personal link a delegate opens their own page for one forum with."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from delegates.models.participation import Participation


class AccessLinkQuerySet(models.QuerySet):
    def active(self):
        """Links that have not been revoked (whether their forum is over is checked on use)."""
        return self.filter(revoked_at__isnull=True)


class AccessLink(models.Model):
    """The secret behind one participation's personal link.

    Kept apart from the participation so that the secret never enters the participation's
    audit trail, exports or history pages. Revoking stamps `revoked_at`; issuing a new link
    makes a new row, so that an old link stays dead.
    """

    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="access_links",
        verbose_name=_("participation"),
    )
    key = models.CharField(_("key"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = AccessLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # At most one live link per participation: issuing revokes the one before.
            models.UniqueConstraint(
                fields=["participation"],
                condition=models.Q(revoked_at__isnull=True),
                name="access_link_one_active",
            ),
        ]

    def __str__(self):
        return str(_("Personal link of %(participation)s")) % {"participation": self.participation}
