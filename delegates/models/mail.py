"""Email to delegates: every message AMF sends a delegate, and each forum's invitation text.

An `OutgoingEmail` is written before anything is sent and is the record of the email from
then on: the worker sends it, retries it, and marks it sent or failed on that row, so an email
is never lost between a request and a mail server. Its address and text are personal data:
only roles that see contact details read them, and an anonymisation erases them.
"""

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from delegates.models.participation import Participation
from delegates.models.person import EMAIL_LANGUAGES, Person
from events.models import Forum


class OutgoingEmailQuerySet(models.QuerySet):
    def due(self, *, now):
        """Emails waiting to be sent whose (next) try is due at `now`."""
        return self.filter(state=OutgoingEmail.State.QUEUED, next_attempt_at__lte=now)

    def latest_per_participation(self):
        """This set's emails, newest first (for a participation's own list)."""
        return self.order_by("-queued_at", "-pk")


class OutgoingEmail(models.Model):
    """One email to one delegate: what was sent, to whom, in which language, and how it went."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        MESSAGE = "message", _("Message from the office")
        REGISTRATION_RECEIVED = "registration_received", _("Registration received")
        REGISTRATION_APPROVED = "registration_approved", _("Registration approved")
        REGISTRATION_DECLINED = "registration_declined", _("Registration declined")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="outgoing_emails", verbose_name=_("forum")
    )
    # Kept when the participation is removed: what was sent stays on record.
    participation = models.ForeignKey(
        Participation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outgoing_emails",
        verbose_name=_("participation"),
    )
    # Deleting a person deletes what was written to them (their personal data).
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="outgoing_emails",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=2, choices=EMAIL_LANGUAGES)
    to_address = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    # Made when queued, so that every try of one email carries the same Message-ID.
    message_id = models.CharField(_("Message-ID"), max_length=255, editable=False)
    state = models.CharField(
        _("state"), max_length=8, choices=State.choices, default=State.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("tries"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next try"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("queued by"),
    )
    # Set when an anonymisation erased the address and text.
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("email to a delegate")
        verbose_name_plural = _("emails to delegates")
        ordering = ["-queued_at", "-pk"]
        permissions = [("send_outgoingemail", _("Can send email to delegates"))]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state="queued"),
                name="outgoing_email_due",
            ),
            models.Index(fields=["participation", "-queued_at"], name="outgoing_email_latest"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"


def latest_email(field: str) -> Subquery:
    """`field` of the participation's newest email, for annotating a participation list."""
    return Subquery(
        OutgoingEmail.objects.filter(participation=OuterRef("pk"))
        .order_by("-queued_at", "-pk")
        .values(field)[:1]
    )


class InvitationText(models.Model):
    """A forum's invitation email, in Thai and English, with placeholders for each delegate.

    Placeholders: {name}, {honorific}, {link}, {forum} (see delegates.services.mail).
    """

    forum = models.OneToOneField(
        Forum, on_delete=models.CASCADE, related_name="invitation_text", verbose_name=_("forum")
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders: <code>{honorific}</code> <code>{name}</code> (the delegate's title "
            "and full name), <code>{link}</code> (their personal link), <code>{forum}</code> "
            "(the forum's title)."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("invitation text")
        verbose_name_plural = _("invitation texts")
        ordering = ["-forum__start_date"]

    def __str__(self):
        return str(_("Invitation to %(forum)s")) % {"forum": self.forum}
