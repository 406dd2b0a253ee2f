"""The Thai catalogue: complete, compiled, in step with the code, and used by the admin."""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
PO_PATH = LOCALE_DIR / "th" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
# What `makemessages --ignore` skips when the catalogue is made (see REGENERATE), besides the
# hidden directories makemessages always skips.
IGNORED = [".venv", "staticfiles"]
REGENERATE = (
    "DEBUG=1 .venv/bin/python manage.py makemessages -l th --no-location "
    "--ignore=.venv --ignore=staticfiles"
)
COMPILE = "DEBUG=1 .venv/bin/python manage.py compilemessages -l th --ignore=.venv"
GETTEXT_TOOLS = ["xgettext", "msguniq", "msgmerge"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def message(entry) -> str:
    """Name an entry as a developer would look for it in the code."""
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return context + entry.msgid


def live_entries(catalogue):
    return [entry for entry in catalogue if entry.msgid and not entry.obsolete]


def translations(catalogue) -> dict:
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural): (
            entry.msgstr,
            {int(n): text for n, text in entry.msgstr_plural.items()},
        )
        for entry in live_entries(catalogue)
    }


def test_thai_catalogue_has_a_thai_header():
    po = polib.pofile(str(PO_PATH))

    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == "th"
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["Project-Id-Version"] == "AMF"


def test_every_thai_message_is_translated_and_none_is_fuzzy_or_obsolete():
    po = polib.pofile(str(PO_PATH))

    assert len(live_entries(po)) > 100
    assert [message(e) for e in po.untranslated_entries()] == []
    assert [message(e) for e in po.fuzzy_entries()] == []
    assert [message(e) for e in po.obsolete_entries()] == []


def test_thai_messages_keep_the_placeholders_of_the_english():
    po = polib.pofile(str(PO_PATH))

    changed = [
        message(entry)
        for entry in live_entries(po)
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if text and sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(entry.msgid))
    ]

    assert changed == []


def test_compiled_thai_catalogue_holds_exactly_the_translations_of_the_po_file():
    po, mo = polib.pofile(str(PO_PATH)), polib.mofile(str(MO_PATH))

    assert mo.metadata["Language"] == "th"
    assert translations(mo) == translations(po), f"django.mo is stale: run {COMPILE}"


def test_thai_catalogue_lists_exactly_the_messages_the_code_marks_and_translates_them_all(
    tmp_path, settings, monkeypatch
):
    missing_tools = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing_tools:
        pytest.fail(
            f"GNU gettext is needed to check the Thai catalogue; {', '.join(missing_tools)} "
            "not found on PATH. Install it (Debian: apt-get install gettext)."
        )
    committed = PO_PATH.read_bytes(), MO_PATH.read_bytes()
    # makemessages writes into any `locale` directory it finds below the working directory,
    # whatever LOCALE_PATHS says, so it runs on a copy of the project with a copy of the catalogue.
    project = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR,
        project,
        ignore=shutil.ignore_patterns(
            ".*", "locale", *IGNORED, "__pycache__", "media", "*.sqlite3"
        ),
    )
    shutil.copytree(LOCALE_DIR, project / "locale")
    settings.LOCALE_PATHS = [project / "locale"]
    monkeypatch.chdir(project)

    call_command(
        "makemessages", locale=["th"], no_location=True, ignore_patterns=IGNORED, verbosity=0
    )

    regenerated = polib.pofile(str(project / "locale" / "th" / "LC_MESSAGES" / "django.po"))
    assert (PO_PATH.read_bytes(), MO_PATH.read_bytes()) == committed
    now_marked = {message(e) for e in live_entries(regenerated)}
    in_catalogue = {message(e) for e in live_entries(polib.pofile(str(PO_PATH)))}
    assert sorted(now_marked - in_catalogue) == [], f"new strings: run {REGENERATE}"
    gone = sorted(in_catalogue - now_marked)
    assert gone == [], f"strings gone from the code: run {REGENERATE} --no-obsolete"
    untranslated = [message(e) for e in live_entries(regenerated) if not e.translated()]
    assert untranslated == [], "strings without a Thai translation in locale/th/.../django.po"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "thai", "english"),
    [
        (
            "events/forum/",
            ["หน้าหลัก", "การประชุมและกำหนดการ", "การประชุม"],
            ["Home", "Forums and programme", "Forums"],
        ),
        (
            "delegates/participation/",
            ["หน้าหลัก", "ผู้แทนและผู้เข้าร่วมประชุม", "การเข้าร่วมประชุม"],
            ["Home", "Delegates", "Participations"],
        ),
        (
            "reports/bulletin/",
            ["หน้าหลัก", "รายงานและการติดตามผล", "รายงานสรุปผลการประชุม"],
            ["Home", "Reports", "Bulletins"],
        ),
    ],
)
def test_admin_list_names_the_models_in_the_language_of_its_address(
    admin_client, page, thai, english
):
    def breadcrumbs(language):
        html = admin_client.get(f"/{language}/admin/{page}").content.decode()
        trail = re.search(r'<div class="breadcrumbs">(.*?)</div>', html, re.S).group(1)
        return [part.strip() for part in re.sub(r"<[^>]+>", "", trail).split("&rsaquo;")]

    assert breadcrumbs("th") == thai
    assert breadcrumbs("en") == english
