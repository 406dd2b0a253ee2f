"""Thai copied out of every PDF is the Thai it was written from: ำ stays one character (U+0E33)
and tone marks stay where they were typed, in the bulletin, the programme, name badges, the
delegate list and the compiled bulletins."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from amf import pdf as amf_pdf
from delegates.models import Participation
from delegates.services.exports import badges_pdf, delegate_list_pdf
from events.models import Forum
from reports.models import Bulletin
from reports.pdfs import bulletin_pdf, compilation_pdf, revision_pdf
from reports.services import bulletin_acknowledge, bulletin_submit
from tests import factories
from tests.reports.pdftools import pdf_text

THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
NIKHAHIT = "\u0e4d"
# The page numbers of Thai official documents ("- 2 -") sit between a page's last line and
# the next one's first, in the order the PDF draws them.
PAGE_NUMBER = re.compile(r"^- \d+ -$", re.M)


class VisibleText(HTMLParser):
    """The text an HTML document shows: its body without scripts and styles."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        if tag in {"style", "script", "title"}:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in {"style", "script", "title"}:
            self.hidden -= 1

    def handle_data(self, data):
        if self.in_body and not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def mismatches(source_html: str, pdf: bytes) -> list[str]:
    """Thai runs of the source that are not in the PDF's text exactly as written.

    Only white space is taken out of both (a PDF breaks lines where the source had none);
    no Unicode normalisation: ำ must come out as ำ, not as nikhahit + sara aa.
    """
    extracted = re.sub(r"\s+", "", PAGE_NUMBER.sub("", pdf_text(pdf)))
    source = visible_text(source_html)
    return [run for run in THAI_RUN.findall(source) if run not in extracted]


@pytest.fixture
def rendered(monkeypatch):
    """Every HTML document rendered to PDF during the test, with the PDF it became."""
    documents: list[tuple[str, bytes]] = []
    original = amf_pdf.html_to_pdf

    def recording(html: str) -> bytes:
        pdf = original(html)
        documents.append((html, pdf))
        return pdf

    monkeypatch.setattr(amf_pdf, "html_to_pdf", recording)
    return documents


@pytest.mark.django_db
def test_thai_copied_from_every_pdf_is_the_thai_it_was_written_from(demo_db, rendered):
    forum = Forum.objects.get()
    bulletin = Bulletin.objects.get()
    staff = factories.SuperuserFactory()
    if bulletin.status == Bulletin.Status.DRAFT:
        bulletin_submit(bulletin=bulletin, user=staff)
    if bulletin.status == Bulletin.Status.SUBMITTED:
        bulletin_acknowledge(bulletin=bulletin, user=staff)
    bulletin.refresh_from_db()
    participations = Participation.objects.filter(forum=forum)

    pdfs = {
        "bulletin": bulletin_pdf(bulletin, language="th"),
        "revision": revision_pdf(bulletin.revisions.latest("number"), language="th"),
        "compiled bulletins": compilation_pdf(
            [bulletin], start=dt.date(2019, 1, 1), end=dt.date(2030, 12, 31), language="th"
        ),
        "badges A6": badges_pdf(participations=participations, layout="a6"),
        "badges A4": badges_pdf(participations=participations, layout="a4"),
        "delegate list": delegate_list_pdf(participations=participations),
    }
    programme = Client().get(f"/th/forums/{forum.slug}/programme.pdf")
    assert programme.status_code == 200
    pdfs["programme"] = programme.getvalue()

    assert len(rendered) == len(pdfs)
    found = {name: mismatches(html, pdf) for name, (html, pdf) in zip(pdfs, rendered, strict=True)}
    sources = " ".join(visible_text(html) for html, _pdf in rendered)
    assert sources.count("\u0e33") > 50, "the demo's Thai should be full of sara am"
    assert {name: runs for name, runs in found.items() if runs} == {}
    for name, pdf in pdfs.items():
        assert NIKHAHIT not in pdf_text(pdf), f"{name}: sara am copied as nikhahit + sara aa"


def test_a_tone_mark_before_sara_am_copies_in_the_order_it_was_typed():
    html = (
        '<html lang="th"><body style="font-family: Sarabun">'
        "<p>น้ำท่วม เน้นย้ำ ค่ำคืน ต่ำกว่า กล้ำกลืน ส่ำสอน ทำนุบำรุง</p></body></html>"
    )

    text = pdf_text(amf_pdf.html_to_pdf(html)).split()

    assert text == ["น้ำท่วม", "เน้นย้ำ", "ค่ำคืน", "ต่ำกว่า", "กล้ำกลืน", "ส่ำสอน", "ทำนุบำรุง"]
