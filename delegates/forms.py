"""The forms of the delegate's own page, one a section, each posted on its own.

Each form names itself in the hidden field "section", so that one address takes them all
and a page without JavaScript posts just the section its button belongs to.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from delegates.models import Country, Participation, Person
from delegates.models.replies import NEEDS_FIELDS, TEXT_NEEDS_FIELDS, TRAVEL_FIELDS
from events.languages import language_choices

Response = Participation.Response


def interpretation_choices() -> list[tuple[str, str]]:
    return [("", _("No interpretation needed")), *language_choices()]


class SectionForm(forms.Form):
    section = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.section)
        super().__init__(*args, **kwargs)


class ResponseForm(SectionForm):
    section = "reply"
    response = forms.ChoiceField(
        label=_("Will you take part?"),
        choices=[
            (Response.ACCEPTED, _("Yes, I accept the invitation")),
            (Response.DECLINED, _("No, I cannot take part")),
        ],
        widget=forms.RadioSelect,
    )


class DetailsForm(SectionForm):
    section = "details"
    honorific = forms.CharField(label=_("Honorific or rank"), max_length=60, required=False)
    first_name = forms.CharField(label=_("Given name"), max_length=100)
    last_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    position = forms.CharField(label=_("Position"), max_length=300, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)

    @classmethod
    def initial_for(cls, person: Person, language: str) -> dict:
        names = ("honorific", "first_name", "last_name", "position")
        return {
            **{name: getattr(person, f"{name}_{language}") or "" for name in names},
            "email": person.email,
            "phone": person.phone,
        }


class ConsentsForm(SectionForm):
    """Each consent apart: unticking one withdraws it and leaves the other as it is."""

    section = "consents"
    public_listing = forms.BooleanField(
        label=_("My name, position and organisation may appear on the forum's public pages"),
        required=False,
    )
    photographs = forms.BooleanField(
        label=_("Photographs of me may be taken and published"), required=False
    )
    # Whose consents: the delegate's own (empty) or one of their party's.
    member = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, member=False, **kwargs):
        super().__init__(*args, **kwargs)
        if member:
            self.fields["public_listing"].label = AccompanyingForm.base_fields[
                "public_listing"
            ].label
            self.fields["photographs"].label = AccompanyingForm.base_fields["photographs"].label

    @classmethod
    def initial_for(cls, participation: Participation) -> dict:
        return {
            "public_listing": participation.consents_to_public_listing,
            "photographs": participation.consents_to_photographs,
            "member": participation.pk if participation.accompanies_id else None,
        }


class NeedsForm(forms.ModelForm):
    section = "needs"

    class Meta:
        model = Participation
        fields = NEEDS_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in TEXT_NEEDS_FIELDS}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.section)
        super().__init__(*args, **kwargs)
        interpretation = self.fields["interpretation_language"]
        interpretation.choices = interpretation_choices
        interpretation.help_text = _(
            "If you need an interpreter, the language you listen in: the office arranges "
            "interpretation for the sessions you attend."
        )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class TravelForm(forms.ModelForm):
    section = "travel"

    class Meta:
        model = Participation
        fields = TRAVEL_FIELDS
        widgets = {
            "arrival_date": DateInput(),
            "departure_date": DateInput(),
            "arrival_time": TimeInput(),
            "departure_time": TimeInput(),
        }
        labels = {
            "arrival_date": _("Date"),
            "arrival_time": _("Time"),
            "arrival_flight": _("Flight"),
            "arrival_airport": _("Airport"),
            "departure_date": _("Date"),
            "departure_time": _("Time"),
            "departure_flight": _("Flight"),
            "departure_airport": _("Airport"),
        }
        help_texts = {
            "arrival_flight": _("E.g. TG 402"),
            "arrival_airport": _("E.g. Suvarnabhumi (BKK)"),
            "departure_flight": _("E.g. TG 403"),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.section)
        super().__init__(*args, **kwargs)
        for name in ("arrival_date", "departure_date"):
            self.fields[name].input_formats = ["%Y-%m-%d"]

    def arrival_fields(self):
        return [self[name] for name in TRAVEL_FIELDS if name.startswith("arrival_")]

    def departure_fields(self):
        return [self[name] for name in TRAVEL_FIELDS if name.startswith("departure_")]

    def hotel_fields(self):
        return [self["hotel"]]

    def clean(self):
        cleaned = super().clean()
        arrival, departure = cleaned.get("arrival_date"), cleaned.get("departure_date")
        if arrival and departure and departure < arrival:
            self.add_error("departure_date", _("The departure is before the arrival."))
        return cleaned


class VisaForm(SectionForm):
    section = "visa"
    passport_number = forms.CharField(label=_("Passport number"), max_length=40)
    passport_nationality = forms.ModelChoiceField(
        label=_("Nationality"), queryset=Country.objects.all()
    )
    passport_expires_on = forms.DateField(
        label=_("Passport expires on"), widget=DateInput(), input_formats=["%Y-%m-%d"]
    )

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The countries read once for the page, in the page's language's order.
        self.fields["passport_nationality"].choices = [
            ("", "---------"),
            *((country.pk, str(country)) for country in countries),
        ]


class VisaWithdrawForm(SectionForm):
    section = "visa_withdraw"


class AccompanyingForm(SectionForm):
    section = "add_member"
    honorific = forms.CharField(label=_("Honorific or rank"), max_length=60, required=False)
    first_name = forms.CharField(label=_("Given name"), max_length=100)
    last_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    position = forms.CharField(label=_("Position"), max_length=300, required=False)
    dietary_needs = forms.CharField(label=_("Dietary needs"), max_length=500, required=False)
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"), max_length=500, required=False
    )
    interpretation_language = forms.ChoiceField(
        label=_("Interpretation into"), choices=interpretation_choices, required=False
    )
    public_listing = forms.BooleanField(
        label=_("Their name may appear on the forum's public pages"), required=False
    )
    photographs = forms.BooleanField(
        label=_("Photographs of them may be taken and published"), required=False
    )


class RemoveMemberForm(SectionForm):
    section = "remove_member"
    member = forms.IntegerField(widget=forms.HiddenInput)


class AccessFileForm(SectionForm):
    section = "access_file"
