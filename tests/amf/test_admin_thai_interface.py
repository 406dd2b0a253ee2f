"""The Thai admin speaks Thai: every page, Django's own words included, and its JavaScript."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
import simple_history
from django.conf import settings
from django.utils.translation import trans_real

from tests.amf.admin_pages import admin_pages

DJANGO = Path(django.__file__).parent
# The English of the interface: Django's admin, authentication and form messages, the
# history pages, and our own strings.
ENGLISH_CATALOGUES = [
    DJANGO / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    DJANGO / "conf/locale/en/LC_MESSAGES/django.po",
    Path(simple_history.__file__).parent / "locale/de/LC_MESSAGES/django.po",
    Path(settings.BASE_DIR) / "locale/th/LC_MESSAGES/django.po",
]
ADMIN_JS_CATALOGUE = DJANGO / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}")
# Text that is not interface: what staff typed (textareas), code and scripts.
NOT_INTERFACE = {"script", "style", "textarea", "code", "pre", "title"}
ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class InterfaceText(HTMLParser):
    """The words a person reads or hears on the page: text, labels of controls, buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in VOID:
            if not self.skipping:
                self.read_attributes(tag, attrs)
        elif self.skipping or tag in NOT_INTERFACE or (attrs.get("lang") or "th").startswith("en"):
            # What staff typed, and text declared English (a bulletin's English version).
            self.skipping.append(tag)
        else:
            self.read_attributes(tag, attrs)

    def read_attributes(self, tag, attrs):
        self.parts.extend(attrs[name] for name in ATTRIBUTES if attrs.get(name))
        if tag == "input" and attrs.get("type") in {"submit", "button", "reset"}:
            self.parts.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag not in VOID and self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


# Tokens that are records' codes rather than words: e-mail addresses and paths, slugs
# (asean-mayors-forum) and generated names (user7).
CODES = re.compile(r"\S*[@/]\S*|\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b|\b[A-Za-z]+\d+\b")


def interface_text(page: str) -> str:
    parser = InterfaceText()
    parser.feed(page)
    return re.sub(r"\s+", " ", CODES.sub(" ", " ".join(parser.parts)))


def english_patterns() -> dict[str, tuple[str, re.Pattern]]:
    """A pattern for each English interface string that Thai writes differently, with the
    longest piece of text the pattern needs, which is looked for first, far more quickly.

    Strings Thai deliberately keeps (PDF, CSV, URL) are left out: their Thai is the English.
    Placeholders match any text; a string must keep some English of its own to be found.
    """
    thai = trans_real.translation("th")._catalog
    patterns = {}
    for path in ENGLISH_CATALOGUES:
        for entry in polib.pofile(str(path)):
            english = entry.msgid
            key = f"{entry.msgctxt}\x04{english}" if entry.msgctxt else english
            key = (key, 0) if entry.msgid_plural else key
            translated = thai.get(key)
            if translated == english:
                continue
            literal = PLACEHOLDER.sub(" ", english)
            if not re.search(r"[A-Za-z]{3}", literal) or english.startswith("%"):
                continue
            pieces = [re.escape(piece) for piece in PLACEHOLDER.split(english)]
            body = r".{1,40}?".join(pieces).replace(r"\ ", r"\s+")
            pattern = re.compile(rf"(?<![A-Za-z]){body}(?![A-Za-z])")
            if translated and pattern.search(translated):
                continue  # the Thai keeps the English word: "ชื่อใน URL (slug)"
            # Interface text has its whitespace squeezed to single spaces.
            needle = max((" ".join(piece.split()) for piece in PLACEHOLDER.split(english)), key=len)
            patterns[english] = (needle, pattern)
    return patterns


@pytest.fixture
def superuser_client(client, populated_db):
    from tests import factories

    client.force_login(factories.SuperuserFactory(username="somchai"))
    return client


def test_every_admin_page_in_thai_shows_no_english_interface_text(superuser_client, populated_db):
    patterns = english_patterns()
    pages = admin_pages(populated_db)
    found: dict[str, list[str]] = {}

    for name, path in pages.items():
        response = superuser_client.get(path)
        if response.status_code == 403:
            continue  # e.g. adding to a read-only record: nobody sees that page
        assert response.status_code == 200, f"{name}: {path} answered {response.status_code}"
        text = interface_text(response.content.decode())
        english = sorted(
            e
            for e, (needle, pattern) in patterns.items()
            if needle in text and pattern.search(text)
        )
        if english:
            found[f"{name} {path}"] = english

    count = sum(len(strings) for strings in found.values())
    print(f"\n{len(pages)} admin pages in Thai; English interface strings found: {count}")
    assert len(pages) > 100
    assert found == {}


def test_the_thai_admin_javascript_has_thai_for_every_string_of_django_admin(client, admin_user):
    client.force_login(admin_user)
    script = client.get("/th/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S)[1])

    missing = [
        entry.msgid
        for entry in polib.pofile(str(ADMIN_JS_CATALOGUE))
        if entry.msgid
        and not catalogue.get(f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid)
    ]

    assert missing == []
    # Our corrections win over Django's own Thai (which leaves "selected" in English).
    assert catalogue["%(sel)s of %(cnt)s selected"] == ["เลือก %(sel)s จาก %(cnt)s รายการ"]


@pytest.mark.parametrize(
    ("english", "thai"),
    [
        ("None available", "ยังไม่มีรายการ"),
        ("View", "ดู"),
        ("Start typing to filter…", "พิมพ์เพื่อค้นหาเมนู…"),
        ("Show counts", "แสดงจำนวน"),
        ("Skip to main content", "ข้ามไปยังเนื้อหาหลัก"),
    ],
)
def test_our_thai_for_djangos_admin_strings_wins_over_djangos_own(english, thai):
    assert trans_real.translation("th").gettext(english) == thai


def test_the_import_preview_names_its_action_column_as_what_happens_to_a_row():
    thai = trans_real.translation("th")
    action = "Action"  # a variable: makemessages must not take it for one of our strings

    assert thai.pgettext("import preview", action) == "การดำเนินการ"
    # Django's object history column, no longer overridden by our follow-up actions' word.
    assert thai.gettext(action) == "การดำเนินการ"
    assert thai.pgettext("follow-up", action) == "เรื่องที่ต้องดำเนินการ"
