"""With the demo loaded, the Thai page and the Thai PDF say what the seed bulletin says, in order.

The seed is parsed here, section by section; nothing expected is copied from our own output.
"""

import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from reports.models import Bulletin
from reports.pdfs import bulletin_pdf
from tests.helpers import without_word_breaks
from tests.reports.pdftools import pdf_text

SEED = Path(settings.BASE_DIR).parent / "shared" / "seed" / "000_d20b455c41bd05f7.txt"
HEADINGS = [
    "ชื่อการประชุม/หัวข้อการหารือ",
    "สถานที่",
    "วันที่",
    "สรุปเนื้อหา",
    "การดำเนินงานต่อเนื่อง",
    "ผู้รายงาน",
]


def collapse(text: str) -> str:
    """Whitespace collapsed, sara am composed (the seed once writes it decomposed)."""
    return re.sub(r"\s+", " ", text.replace("\u0e4d\u0e32", "\u0e33")).strip()


def squeeze(text: str) -> str:
    """No whitespace at all: PDF text breaks Thai lines where the source had no space.

    Sara am copies out of a PDF as its two glyphs, nikhahit (before any tone mark) and sara aa.
    """
    text = re.sub("\u0e4d([\u0e48-\u0e4b]?)\u0e32", "\\1\u0e33", collapse(text))
    return re.sub(r"\s+", "", text)


def page_text(markup: str) -> str:
    return collapse(html.unescape(re.sub(r"<[^>]+>", " ", without_word_breaks(markup))))


@pytest.fixture(scope="module")
def seed_facts() -> list[tuple[str, str]]:
    """(where, fact) pairs of the seed bulletin in reading order, from its title onwards."""
    if not SEED.exists():
        pytest.fail(f"The seed bulletin is missing: expected {SEED}.")
    text = SEED.read_text(encoding="utf-8").split("\nข้อเสนอแนะ")[0]
    lines = [collapse(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    start = next(i for i, line in enumerate(lines) if line.startswith("สรุปเนื้อหา"))
    facts = [("title", lines[start]), ("title", lines[start + 1])]
    current = "header"
    for line in lines[start + 2 :]:
        match = re.fullmatch(r"1\. (.+)", line)
        if match:
            current = match[1]
            number = HEADINGS.index(current) + 1
            facts.append((current, f"{number}. {current}"))
        else:
            facts.append((current, line))
    return facts


def test_the_seed_parses_into_the_title_mission_group_and_six_sections(seed_facts):
    assert [fact for where, fact in seed_facts if where == "header"] == ["กลุ่มภารกิจ : การบริหารจัดการ"]
    headings = [fact for where, fact in seed_facts if re.fullmatch(r"\d\. .+", fact)]
    assert headings == [f"{n}. {heading}" for n, heading in enumerate(HEADINGS, start=1)]
    assert len(seed_facts) > 20


def assert_in_order(text: str, facts, *, prepare=lambda value: value):
    position = 0
    for where, fact in facts:
        found = text.find(prepare(fact), position)
        assert found >= 0, f"Section {where}: not found after position {position}: {fact[:80]}"
        position = found + len(prepare(fact))


def test_the_thai_bulletin_page_says_every_fact_of_the_seed_in_order(demo_db, client, seed_facts):
    bulletin = Bulletin.objects.get(forum__slug="amf-2019")

    response = client.get(reverse("reports:bulletin_detail", args=[bulletin.pk]))

    assert response.status_code == 200
    assert_in_order(page_text(response.content.decode()), seed_facts)


def test_the_thai_pdf_says_every_fact_of_the_seed_in_order(demo_db, seed_facts):
    bulletin = Bulletin.objects.get(forum__slug="amf-2019")

    text = pdf_text(bulletin_pdf(bulletin, language="th"))

    # Page numbers ("- 2 -") head the pages, between the lines of a paragraph that runs on.
    assert re.search(r"^- 2 -$", text, flags=re.MULTILINE)
    body = re.sub(r"^- \d+ -$", "", text, flags=re.MULTILINE)
    assert_in_order(squeeze(body), seed_facts, prepare=squeeze)


def test_the_english_pdf_keeps_the_structure_with_common_era_dates(demo_db):
    bulletin = Bulletin.objects.get(forum__slug="amf-2019")

    text = collapse(
        re.sub(r"^- \d+ -$", "", pdf_text(bulletin_pdf(bulletin, language="en")), flags=re.M)
    )

    expected = [
        ("title", "Summary of the 5th ASEAN Mayors Forum 2019"),
        ("header", "Mission group: Administration and Management"),
        ("1", "1. Meeting name/topic of discussion"),
        ("2", "2. Venue"),
        ("2", "United Nations Conference Centre, Bangkok"),
        ("3", "3. Dates"),
        ("3", "26 – 28 August 2019"),
        ("4", "4. Summary"),
        ("5", "5. Continued operations"),
        ("6", "6. Reporter"),
        ("6", "Ms. Woranan Thammachot"),
        ("6", "Tel. 0 2224 8177"),
    ]
    assert_in_order(text, expected)
    assert not re.search(r"[\u0e00-\u0e7f]", text)
