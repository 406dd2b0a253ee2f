"""Bulletins as PDFs for the Governor: one bulletin, or a compilation with a contents page."""

import datetime as dt
from collections.abc import Sequence

from django.utils import translation

from amf.dates import format_date_range
from amf.pdf import render_pdf
from reports.document import document_from_bulletin, document_from_snapshot
from reports.models import Bulletin, BulletinRevision

# What rendering a bulletin reads besides the bulletin row itself.
DOCUMENT_RELATED = ["forum__venue", "mission_group", "reporter"]


def bulletin_pdf(bulletin: Bulletin, *, language: str) -> bytes:
    """The bulletin in `language`, A4, in the Thai official style."""
    document = document_from_bulletin(bulletin, language=language)
    with translation.override(language):
        return render_pdf("reports/bulletin_pdf.html", {"document": document})


def revision_pdf(revision: BulletinRevision, *, language: str) -> bytes:
    """An earlier revision of a bulletin, as it read then."""
    document = document_from_snapshot(revision.content, language=language)
    with translation.override(language):
        return render_pdf("reports/bulletin_pdf.html", {"document": document, "revision": revision})


def compilation_pdf(
    bulletins: Sequence[Bulletin], *, start: dt.date, end: dt.date, language: str
) -> bytes:
    """Several bulletins in one PDF: a cover, a contents page, then each bulletin on new pages."""
    entries = [
        (bulletin, document_from_bulletin(bulletin, language=language)) for bulletin in bulletins
    ]
    with translation.override(language):
        return render_pdf(
            "reports/bulletin_compilation_pdf.html",
            {"entries": entries, "period": format_date_range(start, end, spaced=True)},
        )


def pdf_filename(bulletin: Bulletin, *, language: str) -> str:
    """A download name that says what the file is: bulletin-12-th.pdf."""
    return f"bulletin-{bulletin.pk}-{language}.pdf"
