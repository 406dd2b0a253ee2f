"""What each column of a delegate list means, with an example and the values it accepts.

One entry per column of `DelegateResource`, by column name: the import page lists them and
the downloadable templates (CSV and XLSX) are written from them, so a column added to the
resource without a description here fails tests/delegates/test_import_template.py.
"""

import io
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from amf.tabular import csv_bytes, write_xlsx_sheets
from delegates.models import Organisation, Participation
from delegates.resources import DelegateResource


@dataclass(frozen=True)
class Column:
    meaning: Promise
    example: str = ""
    # TextChoices of a coded column: its codes, and the Thai and English labels it also takes.
    choices: type | None = None
    accepted: Promise | None = None
    required: bool = False


YES_NO = _("yes or no (also ใช่/ไม่ใช่, 1/0, x for yes); empty leaves it as it is")
DATE = _("a date: 2019-08-26, 26/08/2019 or 26/08/2562 (Buddhist Era)")

COLUMNS: dict[str, Column] = {
    "id": Column(
        _(
            "The delegate's number in AMF, as an export gives it. Keep it to update that "
            "delegate; leave it empty for a new one."
        ),
    ),
    "honorific_th": Column(_("Title in Thai, e.g. นาย, นาง, ดร."), "นาย"),
    "first_name_th": Column(
        _("Given name in Thai. Every row needs a given name, in Thai or in English."), "สมชาย"
    ),
    "last_name_th": Column(_("Family name in Thai."), "ใจดี"),
    "honorific_en": Column(_("Title in English, e.g. Mr, Ms, Dr."), "Mr"),
    "first_name_en": Column(_("Given name in English."), "Somchai"),
    "last_name_en": Column(_("Family name in English."), "Jaidee"),
    "position_th": Column(_("Position in Thai."), "ผู้อำนวยการกองการต่างประเทศ"),
    "position_en": Column(_("Position in English."), "Director of Foreign Affairs"),
    "organisation_th": Column(
        _("The organisation's name in Thai; an organisation AMF does not know is added."),
        "สำนักงานการต่างประเทศ กรุงเทพมหานคร",
    ),
    "organisation_en": Column(
        _("The organisation's name in English."),
        "International Affairs Office, Bangkok Metropolitan Administration",
    ),
    "organisation_type": Column(
        _("The kind of organisation; needed when the organisation is new."),
        Organisation.Kind.LOCAL_GOVERNMENT,
        choices=Organisation.Kind,
    ),
    "country": Column(
        _(
            "The country the delegate represents: its ISO code (TH, THA) or its name in Thai "
            "or English."
        ),
        "TH",
        accepted=_("any country, by ISO code or name"),
        required=True,
    ),
    "email": Column(
        _("Email address. Only staff who may see contact details import it."),
        "somchai.j@example.org",
    ),
    "phone": Column(_("Telephone number, as it should be dialled."), "02 224 2935"),
    "role": Column(
        _("The delegate's role at the forum."),
        Participation.Role.DELEGATE,
        choices=Participation.Role,
    ),
    "registration_status": Column(
        _("Where the delegate's registration stands."),
        Participation.RegistrationStatus.REGISTERED,
        choices=Participation.RegistrationStatus,
    ),
    "precedence": Column(
        _("Protocol order: a smaller number comes first in lists and seating."),
        "100",
        accepted=_("a whole number from 0 to 32767"),
    ),
    "badge_issued": Column(
        _("Whether the name badge has been handed over."), "no", accepted=YES_NO
    ),
    "consents_to_public_listing": Column(
        _("Whether the delegate agreed to be named on the public site."), "yes", accepted=YES_NO
    ),
    "consent_recorded_on": Column(_("When that agreement was given."), "2019-08-01", accepted=DATE),
    "consents_to_photographs": Column(
        _("Whether the delegate agreed to be photographed."), "yes", accepted=YES_NO
    ),
    "photograph_consent_recorded_on": Column(
        _("When that agreement was given."), "2019-08-01", accepted=DATE
    ),
}


@dataclass(frozen=True)
class ColumnGuide:
    """A column as the import page and the templates describe it."""

    name: str
    meaning: str
    example: str
    accepted: list[tuple[str, str]]  # (value, what it means) for coded columns
    accepted_text: str
    required: bool


def accepted_values(choices) -> list[tuple[str, str]]:
    """Each code of a coded column with its label in the active language."""
    return [(choice.value, str(choice.label)) for choice in choices]


def column_guide(*, include_contacts: bool) -> list[ColumnGuide]:
    """The columns of a delegate list in file order, described in the active language."""
    guide = []
    for name in DelegateResource(include_contacts=include_contacts).columns:
        column = COLUMNS[name]
        guide.append(
            ColumnGuide(
                name=name,
                meaning=str(column.meaning),
                example=str(column.example),
                accepted=accepted_values(column.choices) if column.choices else [],
                accepted_text=str(column.accepted or ""),
                required=column.required,
            )
        )
    return guide


def template_csv(*, include_contacts: bool) -> bytes:
    """A CSV to fill in: the header and one example row (replace it with real delegates)."""
    guide = column_guide(include_contacts=include_contacts)
    return csv_bytes([c.name for c in guide], [[c.example for c in guide]])


def template_xlsx(*, include_contacts: bool, language: str) -> bytes:
    """An XLSX to fill in: the first sheet as the CSV; a second sheet (not imported)
    describing every column and the values coded columns accept, in `language`."""
    with override(language):
        guide = column_guide(include_contacts=include_contacts)
        help_headers = [str(_("Column")), str(_("Meaning")), str(_("Accepted values"))]
        help_rows = []
        for column in guide:
            accepted = "; ".join(f"{value} ({label})" for value, label in column.accepted)
            help_rows.append([column.name, column.meaning, accepted or column.accepted_text])
        out = io.BytesIO()
        write_xlsx_sheets(
            out,
            [
                (str(_("Delegates")), [c.name for c in guide], [[c.example for c in guide]]),
                (str(_("Columns")), help_headers, help_rows),
            ],
        )
    return out.getvalue()
