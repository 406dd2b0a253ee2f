"""What a delegate tells the office about their part in a forum, on their own page.

Fields of the participation (an abstract base, kept apart so that participation.py stays
readable) rather than a model of their own: the protocol desk's arrival, rooming and
dietary lists read them with the rest of the delegate list, in one query.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from events.languages import language_choices

# The fields that carry the delegate's replies: every one of them is personal data, seen
# only by roles allowed contact details, erased by anonymisation, and on no public page.
TEXT_NEEDS_FIELDS = ("dietary_needs", "accessibility_needs")
NEEDS_FIELDS = (*TEXT_NEEDS_FIELDS, "interpretation_language")
TRAVEL_FIELDS = (
    "arrival_date",
    "arrival_time",
    "arrival_flight",
    "arrival_airport",
    "departure_date",
    "departure_time",
    "departure_flight",
    "departure_airport",
    "hotel",
)
VISA_FIELDS = (
    "visa_letter_requested_on",
    "passport_number",
    "passport_nationality",
    "passport_expires_on",
)
RESPONSE_FIELDS = ("response", "responded_at")
REPLY_FIELDS = (*RESPONSE_FIELDS, *NEEDS_FIELDS, *TRAVEL_FIELDS, *VISA_FIELDS)


class DelegateReplies(models.Model):
    """A participation's reply, needs, travel and visa request, and who last looked at them."""

    class Response(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    response = models.CharField(
        _("reply to the invitation"), max_length=16, choices=Response.choices, blank=True
    )
    responded_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    accompanies = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="accompanying",
        verbose_name=_("accompanies"),
        help_text=_("The participation of the head of the delegation this person travels with."),
    )
    dietary_needs = models.CharField(
        _("dietary needs"),
        max_length=500,
        blank=True,
        help_text=_("E.g. halal, vegetarian, no pork, allergies."),
    )
    accessibility_needs = models.CharField(
        _("accessibility needs"),
        max_length=500,
        blank=True,
        help_text=_("E.g. wheelchair access, sign language, seating."),
    )
    interpretation_language = models.CharField(
        _("interpretation into"),
        max_length=8,
        choices=language_choices,
        blank=True,
        help_text=_("The language the delegate listens in, if they need interpretation."),
    )
    arrival_date = models.DateField(_("arrival date"), null=True, blank=True)
    arrival_time = models.TimeField(_("arrival time"), null=True, blank=True)
    arrival_flight = models.CharField(_("arrival flight"), max_length=20, blank=True)
    arrival_airport = models.CharField(_("arrival airport"), max_length=100, blank=True)
    departure_date = models.DateField(_("departure date"), null=True, blank=True)
    departure_time = models.TimeField(_("departure time"), null=True, blank=True)
    departure_flight = models.CharField(_("departure flight"), max_length=20, blank=True)
    departure_airport = models.CharField(_("departure airport"), max_length=100, blank=True)
    hotel = models.CharField(_("hotel"), max_length=200, blank=True)
    visa_letter_requested_on = models.DateField(
        _("visa support letter requested on"), null=True, blank=True
    )
    passport_number = models.CharField(_("passport number"), max_length=40, blank=True)
    passport_nationality = models.ForeignKey(
        "delegates.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nationality (passport)"),
    )
    passport_expires_on = models.DateField(_("passport expires on"), null=True, blank=True)
    delegate_changed_at = models.DateTimeField(
        _("last changed by the delegate"), null=True, blank=True, editable=False
    )
    replies_seen_at = models.DateTimeField(
        _("delegate's changes last seen"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    @property
    def changed_since_seen(self) -> bool:
        """Whether the delegate changed something that staff have not marked as seen."""
        return self.delegate_changed_at is not None and (
            self.replies_seen_at is None or self.replies_seen_at < self.delegate_changed_at
        )
