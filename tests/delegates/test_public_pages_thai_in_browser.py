"""The public pages on a 360-px phone: Thai wraps between words, names stay whole, date
ranges stay on one line; and axe-core finds no WCAG 2.1 A or AA violation, Thai or English."""

import itertools

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from delegates.models import Person
from events.models import Session
from reports.models import Bulletin

PHONE = {"width": 360, "height": 740}
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# Words of the demo a browser's own dictionary breaks (เป็นก|รอบ, ขวัญ|เมือง), and its dates.
WHOLE = ["กรอบ", "ขวัญเมือง", "อัศวิน", "26 – 28 สิงหาคม 2562", "26–28 สิงหาคม 2562"]
PAGES = [
    "/",
    "/forums/amf-2019/",
    "/forums/amf-2019/programme/",
    "/forums/amf-2019/speakers/",
    "/reports/",
]
# The lines of <main> as laid out, and each line's text, read character by character.
LINES = """() => {
    const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const lines = [];
    let line = "", bottom = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.data.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const boxes = range.getClientRects();
            if (!boxes.length) continue;
            const at = Math.round(boxes[boxes.length - 1].bottom);
            if (bottom !== null && Math.abs(at - bottom) > 4 && line.trim()) {
                lines.push(line);
                line = "";
            }
            bottom = at;
            line += node.data[i];
        }
    }
    lines.push(line);
    return lines.map(text => text.replace(/\\s+/g, " ").trim());
}"""


def broken_inside(lines: list[str], phrase: str) -> list[str]:
    """Each place where a line ends inside `phrase` and the next line carries on with it."""
    found = []
    for this, following in itertools.pairwise(lines):
        for cut in range(1, len(phrase)):
            head, tail = phrase[:cut].rstrip(), phrase[cut:].lstrip()
            if this.endswith(head) and following.startswith(tail):
                found.append(f"{this[-20:]}|{following[:20]}")
    return found


@pytest.fixture
def demo_site(live_site):
    """The demo site, and its pages: the lists above, and one session, speaker and bulletin."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    session = Session.objects.order_by("starts_at").first()
    speaker = Person.objects.get(last_name_th="ขวัญเมือง")
    return live_site, [
        *PAGES,
        f"/forums/amf-2019/sessions/{session.pk}/",
        f"/forums/amf-2019/speakers/{speaker.pk}/",
        f"/reports/{Bulletin.objects.get().pk}/",
        f"/reports/{Bulletin.objects.get().pk}/feedback/",
    ]


def test_thai_on_a_phone_breaks_between_words_and_keeps_names_and_date_ranges_whole(
    demo_site, chromium
):
    site, pages = demo_site
    phone = chromium.new_page(viewport=PHONE)
    broken, seen = {}, dict.fromkeys(WHOLE, 0)

    for path in pages:
        phone.goto(f"{site}/th{path}")
        lines = phone.evaluate(LINES)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        for phrase in WHOLE:
            seen[phrase] += max(" ".join(lines).count(phrase), "".join(lines).count(phrase))
            if places := broken_inside(lines, phrase):
                broken[f"{path} {phrase}"] = places

    assert broken == {}
    # The phrases are there to be broken: the check above is not empty.
    assert seen["กรอบ"] >= 2 and seen["ขวัญเมือง"] >= 2 and seen["26–28 สิงหาคม 2562"] >= 1
    phone.close()


def test_the_public_pages_pass_axe_in_thai_and_english(demo_site, chromium):
    site, pages = demo_site
    axe = Axe()
    phone = chromium.new_page(viewport=PHONE)
    violations = {}

    for language in ("th", "en"):
        for path in pages:
            phone.goto(f"{site}/{language}{path}")
            for rule in axe.run(phone, options=WCAG_21_AA).response["violations"]:
                violations[f"{language}{path}: {rule['id']}"] = [
                    node["target"] for node in rule["nodes"]
                ][:3]

    assert violations == {}
    phone.close()
