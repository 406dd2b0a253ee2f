"""Exports of delegates' data: files, lists and badges, each one logged."""

import io
from collections.abc import Iterator

from django.utils import translation
from django.utils.translation import gettext as _

from amf import downloads
from amf.pdf import render_pdf
from amf.tabular import csv_bytes, csv_chunks, write_xlsx
from delegates.badge_codes import badge_code, badge_qr_svg
from delegates.models import ExportLog, Participation
from delegates.names import full_name
from delegates.resources import DelegateResource

CSV, XLSX = "csv", "xlsx"
BADGE_LAYOUTS = ("a6", "a4")
# Role colours on badges: the strip across the top, and its text colour.
ROLE_COLOURS = {
    Participation.Role.HOST: ("#7a1f1f", "#ffffff"),
    Participation.Role.HEAD_OF_DELEGATION: ("#1f3f7a", "#ffffff"),
    Participation.Role.DELEGATE: ("#2e7d32", "#ffffff"),
    Participation.Role.SPEAKER: ("#e0a800", "#000000"),
    Participation.Role.OBSERVER: ("#6d6d6d", "#ffffff"),
    Participation.Role.MEDIA: ("#6a1b9a", "#ffffff"),
    Participation.Role.STAFF: ("#000000", "#ffffff"),
}


def export_log_record(
    *,
    kind: str,
    row_count: int,
    includes_contact_details: bool,
    forum=None,
    user=None,
    person=None,
) -> ExportLog:
    """Record that delegates' data left the system; writes one ExportLog row.

    `person` names the one person whose data left, for an access file.
    """
    return ExportLog.objects.create(
        kind=kind,
        row_count=row_count,
        includes_contact_details=includes_contact_details,
        forum=forum,
        person=person,
        user=user if user is not None and user.is_authenticated else None,
    )


def delegates_export(*, participations, fmt: str, out, include_contacts: bool, user=None) -> int:
    """Write delegates as a CSV or XLSX file to the binary file `out`, rows fetched in chunks.

    Logs the export (ExportLog). Returns the number of rows written.
    """
    resource = DelegateResource(include_contacts=include_contacts)
    queryset = participations.for_export()
    count = queryset.count()
    rows = resource.rows(queryset)
    if fmt == CSV:
        for chunk in csv_chunks(resource.columns, rows):
            out.write(chunk)
    else:
        write_xlsx(out, resource.columns, rows, title=_("Delegates"))
    export_log_record(
        kind=ExportLog.Kind.DELEGATES_CSV if fmt == CSV else ExportLog.Kind.DELEGATES_XLSX,
        row_count=count,
        includes_contact_details=include_contacts,
        forum=participations.sole_forum(),
        user=user,
    )
    return count


def delegates_export_stream(
    *, participations, include_contacts: bool, user=None
) -> Iterator[bytes]:
    """Log a CSV export of delegates and return its bytes as a stream, for a download."""
    resource = DelegateResource(include_contacts=include_contacts)
    queryset = participations.for_export()
    export_log_record(
        kind=ExportLog.Kind.DELEGATES_CSV,
        row_count=queryset.count(),
        includes_contact_details=include_contacts,
        forum=participations.sole_forum(),
        user=user,
    )
    return csv_chunks(resource.columns, resource.rows(queryset))


def list_columns() -> list[str]:
    return [
        _("No."),
        _("Name (Thai)"),
        _("Name (English)"),
        _("Position"),
        _("Organisation"),
        _("Country"),
        _("Role"),
        _("Registration status"),
    ]


def list_rows(participations) -> Iterator[list[str]]:
    """The organisers' delegate list, in protocol order: one row of text per delegate."""
    for number, participation in enumerate(
        participations.for_export().iterator(chunk_size=1000), start=1
    ):
        person = participation.person
        organisation = person.organisation or participation.delegation
        country = participation.find_listed_country()
        yield [
            str(number),
            name_in(person, "th"),
            name_in(person, "en"),
            person.position,
            organisation.name if organisation else "",
            country.name if country else "",
            participation.get_role_display(),
            participation.get_registration_status_display(),
        ]


def name_in(person, language: str) -> str:
    """The person's name as written in `language`, or empty if not recorded in it."""
    first = getattr(person, f"first_name_{language}")
    if not first:
        return ""
    return full_name(
        getattr(person, f"honorific_{language}"),
        first,
        getattr(person, f"last_name_{language}"),
        thai=language == "th",
    )


def delegate_list_csv(*, participations, user=None) -> Iterator[bytes]:
    """Log and stream the delegate list in protocol order as CSV (UTF-8 with BOM)."""
    export_log_record(
        kind=ExportLog.Kind.LIST_CSV,
        row_count=participations.count(),
        includes_contact_details=False,
        forum=participations.sole_forum(),
        user=user,
    )
    return csv_chunks(list_columns(), list_rows(participations))


def delegate_list_pdf(*, participations, user=None) -> bytes:
    """Log and render the delegate list in protocol order as a PDF."""
    rows = list(list_rows(participations))
    forum = participations.sole_forum()
    export_log_record(
        kind=ExportLog.Kind.LIST_PDF,
        row_count=len(rows),
        includes_contact_details=False,
        forum=forum,
        user=user,
    )
    return render_pdf(
        "delegates/participation_list.html",
        {"forum": forum, "columns": list_columns(), "rows": rows},
    )


def badges_pdf(*, participations, layout: str = "a6", user=None) -> bytes:
    """Log and render name badges, A6 one a page or four to an A4 page, in protocol order.

    Each badge carries its check-in code, as a QR code and in print (delegates/badge_codes.py).
    """
    badges = []
    for participation in participations.for_export():
        person = participation.person
        code = badge_code(participation)
        organisation = person.organisation or participation.delegation
        country = participation.find_listed_country()
        background, text = ROLE_COLOURS.get(participation.role, ("#444444", "#ffffff"))
        with translation.override("en"):
            organisation_en = organisation.name if organisation else ""
            country_en = country.name if country else ""
            role_en = participation.get_role_display()
        with translation.override("th"):
            organisation_th = organisation.name if organisation else ""
            country_th = country.name if country else ""
            role_th = participation.get_role_display()
        badges.append(
            {
                "long_name": max(len(name_in(person, "th")), len(name_in(person, "en"))) > 24,
                "name_th": name_in(person, "th"),
                "name_en": name_in(person, "en"),
                "position_th": person.position_th,
                "position_en": person.position_en,
                "organisation_th": organisation_th,
                "organisation_en": organisation_en if organisation_en != organisation_th else "",
                "country_th": country_th,
                "country_en": country_en,
                "role_th": role_th,
                "role_en": role_en,
                "role": participation.role,
                "background": background,
                "text": text,
                "code": code,
                "qr": badge_qr_svg(code),
            }
        )
    forum = participations.sole_forum()
    per_page = 4 if layout == "a4" else 1
    export_log_record(
        kind=ExportLog.Kind.BADGES_PDF,
        row_count=len(badges),
        includes_contact_details=False,
        forum=forum,
        user=user,
    )
    return render_pdf(
        "delegates/participation_badges.html",
        {
            "forum": forum,
            "pages": [badges[i : i + per_page] for i in range(0, len(badges), per_page)],
            "layout": layout,
            "role_colours": ROLE_COLOURS,
        },
    )


LOGISTICS_FORMATS = {
    "csv": ExportLog.Kind.LOGISTICS_CSV,
    "xlsx": ExportLog.Kind.LOGISTICS_XLSX,
    "pdf": ExportLog.Kind.LOGISTICS_PDF,
}
LOGISTICS_CONTENT_TYPES = {"csv": downloads.CSV, "xlsx": downloads.XLSX, "pdf": downloads.PDF}


def logistics_export(*, logistics, fmt: str, user=None) -> bytes:
    """Log and make a protocol desk list (delegates/logistics.py) as CSV, XLSX or an A4 PDF.

    The lists hold the delegates' replies (travel, hotel, needs): the log records them as
    contact details. Side effect: one ExportLog row.
    """
    if fmt == "csv":
        content = csv_bytes(logistics.flat_columns, logistics.flat_rows())
    elif fmt == "xlsx":
        out = io.BytesIO()
        write_xlsx(out, logistics.flat_columns, logistics.flat_rows(), title=logistics.title)
        content = out.getvalue()
    else:
        content = render_pdf(
            "delegates/participation_logistics_pdf.html",
            {"list": logistics, "forum": logistics.forum},
        )
    export_log_record(
        kind=LOGISTICS_FORMATS[fmt],
        row_count=logistics.row_count,
        includes_contact_details=True,
        forum=logistics.forum,
        user=user,
    )
    return content
