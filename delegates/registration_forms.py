"""The public registration form of a forum."""

import re

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from amf import spam
from amf.collation import thai_order
from delegates.models import Country, Participation
from delegates.services.self_registration import Registrant

# The spam checks' purpose: a token issued for this form, and its allowance, are its own.
REGISTRATION = "delegates.registration"
# Attempts per client address an hour: an office registering its whole delegation from
# behind one address must get through; a script must not.
REGISTRATION_RATE_LIMIT = 20

# The parts a registrant may ask for; hosts and staff are the office's to name.
WISHED_ROLES = [
    Participation.Role.DELEGATE,
    Participation.Role.HEAD_OF_DELEGATION,
    Participation.Role.SPEAKER,
    Participation.Role.OBSERVER,
    Participation.Role.MEDIA,
]
PHONE = re.compile(r"^\+?[0-9 ()\-.]{6,30}$")


def text(label, *, max_length: int, autocomplete: str = "", required=False, **attrs):
    widget_attrs = {"autocomplete": autocomplete, **attrs} if autocomplete else attrs
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.TextInput(attrs=widget_attrs),
    )


class RegistrationForm(spam.SpamCheckedForm):
    """A registrant's details, phone first: one column, the keyboards each field needs."""

    honorific = text(
        _("Title (e.g. Mr., Ms., Dr.)"), max_length=60, autocomplete="honorific-prefix"
    )
    first_name_th = text(_("Given name in Thai"), max_length=100, lang="th")
    last_name_th = text(_("Family name in Thai"), max_length=100, lang="th")
    first_name_en = text(_("Given name in English"), max_length=100, lang="en")
    last_name_en = text(_("Family name in English"), max_length=100, lang="en")
    position = text(_("Position"), max_length=300, autocomplete="organization-title")
    organisation = text(
        _("Organisation (city, government or body)"),
        max_length=300,
        autocomplete="organization",
        required=True,
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.all(),
        empty_label=_("Choose a country"),
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("The office writes to you at this address."),
    )
    phone = forms.CharField(
        label=_("Phone (with country code)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel", "inputmode": "tel"}),
    )
    role = forms.ChoiceField(
        label=_("I wish to take part as"),
        choices=[(role.value, role.label) for role in WISHED_ROLES],
        initial=Participation.Role.DELEGATE,
    )
    consents_to_public_listing = forms.BooleanField(
        label=_("My name, position and organisation may appear on the forum's public pages."),
        required=False,
    )
    consents_to_photographs = forms.BooleanField(
        label=_("Photographs of me may be taken at the forum and published."),
        required=False,
    )
    spam_purpose = REGISTRATION
    spam_messages = {
        "honeypot": _("Your registration looks automated and was not sent."),
        "expired": _("The form has expired. Please fill it in again."),
        "too_fast": _("That was very quick. Please check your registration and send it again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries_in_language_order()
        # The names people write in the form's language come first.
        if (get_language() or "th").startswith("en"):
            order = ["first_name_en", "last_name_en", "first_name_th", "last_name_th"]
            self.order_fields(["honorific", *order])

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(
                _("Write the phone number with digits only, e.g. +66 2 123 4567.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        if not (
            cleaned.get("first_name_th", "").strip() or cleaned.get("first_name_en", "").strip()
        ):
            self.add_error(
                "first_name_en" if get_language() == "en" else "first_name_th",
                _("Write your given name in Thai or in English."),
            )
        return cleaned

    def registrant(self) -> Registrant:
        data = self.cleaned_data
        return Registrant(
            email=data["email"],
            honorific=data["honorific"].strip(),
            first_name_th=data["first_name_th"].strip(),
            last_name_th=data["last_name_th"].strip(),
            first_name_en=data["first_name_en"].strip(),
            last_name_en=data["last_name_en"].strip(),
            position=data["position"].strip(),
            organisation_name=data["organisation"].strip(),
            country=data["country"],
            phone=data["phone"],
            role=data["role"],
            consents_to_public_listing=data["consents_to_public_listing"],
            consents_to_photographs=data["consents_to_photographs"],
        )


def countries_in_language_order():
    """ASEAN members first, then every other country, each by name in the active language."""
    queryset = Country.objects.all()
    if (get_language() or "th").startswith("th"):
        return queryset.order_by(
            "-is_asean_member", thai_order("name_th", using=queryset.db), "code"
        )
    return queryset.order_by("-is_asean_member", "name_en", "code")
