"""The columns of a delegate list, shared by the admin's and the command line's import and export.

Each column is a django-import-export Field whose widget turns a cell into a value
(`clean`, raising ValueError with a message for the sender) and a value into a cell
(`render`). The import itself (delegates.services.imports) reads values through these
widgets and writes in bulk, rather than through import-export's row-by-row save.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from amf.tabular import unneutralise
from delegates.countries import country_name_key
from delegates.models import Organisation, Participation, Person

CONTACT_COLUMNS = ("email", "phone")
NAME_COLUMNS = (
    "honorific_th",
    "first_name_th",
    "last_name_th",
    "honorific_en",
    "first_name_en",
    "last_name_en",
    "position_th",
    "position_en",
)
PERSON_COLUMNS = (*NAME_COLUMNS, *CONTACT_COLUMNS)
PARTICIPATION_COLUMNS = (
    "role",
    "registration_status",
    "precedence",
    "badge_issued",
    "consents_to_public_listing",
    "consent_recorded_on",
    "consents_to_photographs",
    "photograph_consent_recorded_on",
)
# Control characters: PostgreSQL refuses NUL in text and XLSX refuses most of the others, so
# a name carrying one (pasted from a PDF, say) could be neither saved nor exported.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
PERSON_TEXT = ("honorific", "first_name", "last_name", "position")


class TextWidget(widgets.Widget):
    """Text, trimmed, no longer than the database holds."""

    def __init__(self, max_length: int):
        super().__init__()
        self.max_length = max_length

    def clean(self, value, row=None, **kwargs):
        text = CONTROL_CHARACTERS.sub(" ", unneutralise(str(value or "")))
        text = " ".join(text.split())
        if len(text) > self.max_length:
            raise ValueError(
                _("%(length)d characters; at most %(max)d fit.")
                % {"length": len(text), "max": self.max_length}
            )
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class EmailWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        email = super().clean(value).lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise ValueError(
                    _("“%(value)s” is not an email address.") % {"value": email}
                ) from None
        return email


class ChoiceWidget(widgets.Widget):
    """One of a model's choices, given by its code or by its Thai or English label."""

    def __init__(self, choices_class):
        super().__init__()
        self.choices_class = choices_class
        self._table = None

    def table(self) -> dict[str, str]:
        if self._table is None:
            self._table = {}
            for language in ("th", "en"):
                with translation.override(language):
                    for choice in self.choices_class:
                        self._table[str(choice.label).casefold()] = choice.value
            self._table.update({value: value for value in self.choices_class.values})
        return self._table

    def clean(self, value, row=None, **kwargs):
        text = " ".join(str(value or "").split()).casefold()
        if not text:
            return None
        if text in self.table():
            return self.table()[text]
        raise ValueError(
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": value, "choices": ", ".join(self.choices_class.values)}
        )

    def render(self, value, obj=None, **kwargs):
        return value or ""


class YesNoWidget(widgets.Widget):
    """A yes or no, written in English or Thai, or as 1/0, true/false, x."""

    TRUE = {"yes", "y", "true", "1", "x", "✓", "ใช่", "ยินยอม", "มี"}
    FALSE = {"no", "n", "false", "0", "ไม่", "ไม่ใช่", "ไม่ยินยอม", "ไม่มี"}

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().casefold()
        if not text:
            return None
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("“%(value)s” is not yes or no.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "no"


DATE_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})$"),
)
# Thai offices often write the Buddhist Era year (2562 = 2019).
BUDDHIST_ERA_OFFSET = 543


class DateWidget(widgets.Widget):
    """A date as YYYY-MM-DD or DD/MM/YYYY, the year in CE or the Buddhist Era."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        for pattern in DATE_PATTERNS:
            if match := pattern.match(text):
                year = int(match["y"])
                if year > 2400:
                    year -= BUDDHIST_ERA_OFFSET
                try:
                    return dt.date(year, int(match["m"]), int(match["d"]))
                except ValueError:
                    break
        raise ValueError(
            _("“%(value)s” is not a date; write it as 2019-08-26 or 26/08/2019.") % {"value": text}
        )

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class NumberWidget(widgets.Widget):
    """A whole number within the range a field holds."""

    def __init__(self, maximum: int):
        super().__init__()
        self.maximum = maximum

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        if text.endswith(".0"):
            text = text[:-2]
        # str.isdigit() also takes "²" and "①", which int() does not.
        if not text.isdecimal() or int(text) > self.maximum:
            raise ValueError(
                _("“%(value)s” is not a whole number from 0 to %(max)d.")
                % {"value": value, "max": self.maximum}
            )
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class CountryWidget(widgets.Widget):
    """A country by ISO code or by name in Thai or English; written as its ISO code."""

    def __init__(self, lookup: dict | None = None):
        super().__init__()
        self.lookup = lookup

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        country = (self.lookup or {}).get(country_name_key(text))
        if country is None:
            raise ValueError(
                _("Unknown country “%(value)s”; give its ISO code (e.g. TH) or its name.")
                % {"value": text}
            )
        return country

    def render(self, value, obj=None, **kwargs):
        return value or ""


def text_field(attribute: str, model, name: str) -> fields.Field:
    column = attribute.rsplit("__", 1)[-1]
    max_length = model._meta.get_field(name).max_length
    return fields.Field(attribute=attribute, column_name=column, widget=TextWidget(max_length))


class DelegateResource(resources.ModelResource):
    """A forum's delegates: the person, their organisation and their participation, one a row.

    `id` is the participation's and is the stable key: a row carrying it updates that
    participation. Names are listed per language (modeltranslation would otherwise put an
    imported bare `name` into whichever language is active).
    """

    id = fields.Field(attribute="id", column_name="id", widget=NumberWidget(2**63 - 1))
    honorific_th = text_field("person__honorific_th", Person, "honorific")
    first_name_th = text_field("person__first_name_th", Person, "first_name")
    last_name_th = text_field("person__last_name_th", Person, "last_name")
    honorific_en = text_field("person__honorific_en", Person, "honorific")
    first_name_en = text_field("person__first_name_en", Person, "first_name")
    last_name_en = text_field("person__last_name_en", Person, "last_name")
    position_th = text_field("person__position_th", Person, "position")
    position_en = text_field("person__position_en", Person, "position")
    organisation_th = fields.Field(
        attribute="person__organisation__name_th",
        column_name="organisation_th",
        widget=TextWidget(300),
    )
    organisation_en = fields.Field(
        attribute="person__organisation__name_en",
        column_name="organisation_en",
        widget=TextWidget(300),
    )
    organisation_type = fields.Field(
        attribute="person__organisation__kind",
        column_name="organisation_type",
        widget=ChoiceWidget(Organisation.Kind),
    )
    country = fields.Field(attribute="country_code", column_name="country", widget=CountryWidget())
    email = fields.Field(attribute="person__email", column_name="email", widget=EmailWidget(254))
    phone = text_field("person__phone", Person, "phone")
    role = fields.Field(
        attribute="role", column_name="role", widget=ChoiceWidget(Participation.Role)
    )
    registration_status = fields.Field(
        attribute="registration_status",
        column_name="registration_status",
        widget=ChoiceWidget(Participation.RegistrationStatus),
    )
    precedence = fields.Field(
        attribute="precedence", column_name="precedence", widget=NumberWidget(32767)
    )
    badge_issued = fields.Field(
        attribute="badge_issued", column_name="badge_issued", widget=YesNoWidget()
    )
    consents_to_public_listing = fields.Field(
        attribute="consents_to_public_listing",
        column_name="consents_to_public_listing",
        widget=YesNoWidget(),
    )
    consent_recorded_on = fields.Field(
        attribute="consent_recorded_on", column_name="consent_recorded_on", widget=DateWidget()
    )
    consents_to_photographs = fields.Field(
        attribute="consents_to_photographs",
        column_name="consents_to_photographs",
        widget=YesNoWidget(),
    )
    photograph_consent_recorded_on = fields.Field(
        attribute="photograph_consent_recorded_on",
        column_name="photograph_consent_recorded_on",
        widget=DateWidget(),
    )

    class Meta:
        model = Participation
        fields = (
            "id",
            *NAME_COLUMNS,
            "organisation_th",
            "organisation_en",
            "organisation_type",
            "country",
            *CONTACT_COLUMNS,
            *PARTICIPATION_COLUMNS,
        )
        export_order = fields

    def __init__(self, *, include_contacts: bool = True, countries: dict | None = None):
        super().__init__()
        if not include_contacts:
            for name in CONTACT_COLUMNS:
                self.fields.pop(name)
        self.fields["country"].widget.lookup = countries

    @property
    def columns(self) -> list[str]:
        """The column names, in the order files are written."""
        return self.get_export_headers()

    def clean_cell(self, column: str, value: str):
        """Turn a cell into a value, raising ValueError with a message if it is not one."""
        return self.fields[column].widget.clean(value)

    def rows(self, participations, *, chunk_size: int = 2000):
        """Yield each participation's row of cells; `participations` should be `for_export()`.

        The cells come straight from `values_list` through each column's widget, fetched
        in chunks: no model instance is built, which made an export five times slower.
        """
        export_fields = self.get_export_fields()
        renders = [field.widget.render for field in export_fields]
        values = participations.values_list(*(field.attribute for field in export_fields))
        for row in values.iterator(chunk_size=chunk_size):
            yield [render(value) for render, value in zip(renders, row, strict=True)]
