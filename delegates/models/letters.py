"""Letters on the city's letterhead: each forum's signatory and office, and the register of
letters issued (invitations and visa support letters), as Thai official letters number them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amf.uploads import PDF, CheckedFileField, RandomName
from delegates.models.participation import Participation
from events.models import Forum


class ForumLetterSettings(models.Model):
    """Who signs a forum's letters, the office that sends them, and their reference numbers.

    The running number itself is not stored here: the next one follows the highest number
    the forum's register holds (see delegates.services.letters), so that saving this form
    can never set the count back.
    """

    forum = models.OneToOneField(
        Forum, on_delete=models.CASCADE, related_name="letter_settings", verbose_name=_("forum")
    )
    reference_prefix = models.CharField(
        _("reference prefix"),
        max_length=40,
        help_text=_(
            "Printed before the running number after “ที่” / “Ref.”, e.g. “กท 1402/”. "
            "The English letters use the Thai prefix unless an English one is given."
        ),
    )
    first_number = models.PositiveIntegerField(
        _("first running number"),
        default=1,
        help_text=_(
            "The number of the forum's first letter, to continue the office's register of "
            "outgoing letters. Later letters take the next free number."
        ),
    )
    signatory_name = models.CharField(
        _("signatory's name"),
        max_length=200,
        help_text=_("With title or rank, as printed in parentheses under the signature."),
    )
    signatory_position = models.CharField(_("signatory's position"), max_length=300)
    letterhead = models.CharField(
        _("letterhead"),
        max_length=200,
        help_text=_("The sending authority, printed under the emblem, e.g. กรุงเทพมหานคร."),
    )
    office_address = models.TextField(
        _("address"),
        max_length=500,
        help_text=_("The sender's address, one line per line, printed at the top right."),
    )
    office_name = models.CharField(
        _("office"),
        max_length=300,
        help_text=_("The office that handles the letters, printed at the bottom left."),
    )
    division = models.CharField(_("division"), max_length=300, blank=True)
    phone = models.CharField(_("telephone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("letter settings")
        verbose_name_plural = _("letter settings")
        ordering = ["-forum__start_date"]

    def __str__(self):
        return str(_("Letters of %(forum)s")) % {"forum": self.forum}


class IssuedLetter(models.Model):
    """One letter issued to a delegate: the register's line, and the PDF as it was sent.

    Written only by delegates.services.letters; nobody edits or deletes a line. The
    addressee's name and the PDF (which holds passport details) are personal data: the
    anonymisation blanks the one and deletes the other, and the line stays.
    """

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation letter")
        VISA = "visa", _("Visa support letter")

    class Language(models.TextChoices):
        THAI = "th", _("Thai")
        ENGLISH = "en", _("English")

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="issued_letters", verbose_name=_("forum")
    )
    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="letters",
        verbose_name=_("participation"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    number = models.PositiveIntegerField(_("running number"))
    reference = models.CharField(_("reference number"), max_length=60)
    dated = models.DateField(_("letter's date"))
    addressee = models.CharField(_("addressee"), max_length=300, blank=True)
    pdf = CheckedFileField(
        _("PDF"), upload_to=RandomName("letters"), kinds=(PDF,), max_length=200, blank=True
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    job = models.ForeignKey(
        "amf.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("background job"),
        help_text=_("The job that issued the letter with others; empty for a single letter."),
    )

    class Meta:
        verbose_name = _("issued letter")
        verbose_name_plural = _("issued letters")
        ordering = ["-issued_at", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "number"],
                name="issued_letter_number_unique_per_forum",
                violation_error_message=_("This running number is already taken."),
            ),
        ]

    def __str__(self):
        return f"{self.reference} – {self.get_kind_display()}"
