"""Importing delegate lists from the command line: real files, bad files, re-imports."""

import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook

from delegates.models import Country, Organisation, Participation, Person
from tests.factories import CountryFactory, ForumFactory, OrganisationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "first_name_th,last_name_th,first_name_en,last_name_en,country,"
    "organisation_en,organisation_type,email,role"
)
ROWS = [
    "สมชาย,ใจดี,Somchai,Jaidee,TH,"
    "Bangkok Metropolitan Administration,local_government,somchai@example.org,delegate",
    "เหงียน,วัน อาน,Nguyen,Van Anh,Viet Nam,"
    "Hanoi People's Committee,local_government,anh@example.org,head_of_delegation",
]


@pytest.fixture(autouse=True)
def countries(db):
    # The data migration loads every country; tests rely on these two being there.
    assert Country.objects.filter(code__in=["TH", "VN"]).count() == 2


@pytest.fixture
def forum():
    return ForumFactory(slug="amf-test")


def csv_file(tmp_path, lines, *, name="delegates.csv", encoding="utf-8", bom=False):
    path = tmp_path / name
    data = "\r\n".join(lines).encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def run_import(path, forum, *extra):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "import_delegates", str(path), "--forum", forum.slug, *extra, stdout=out, stderr=err
        )
    except CommandError:
        raise AssertionError(err.getvalue()) from None
    return out.getvalue()


def refused(path, forum) -> str:
    """Import a bad file; return the messages, having checked that nothing was written."""
    before = (Person.objects.count(), Participation.objects.count(), Organisation.objects.count())
    err = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError) as caught:
        call_command("import_delegates", str(path), "--forum", forum.slug, stderr=err)
    after = (Person.objects.count(), Participation.objects.count(), Organisation.objects.count())
    assert after == before
    return f"{err.getvalue()}\n{caught.value}"


def test_a_utf8_file_creates_people_organisations_and_participations(tmp_path, forum):
    output = run_import(csv_file(tmp_path, [HEADER, *ROWS]), forum)

    assert "2 new" in output
    anh = Participation.objects.get(forum=forum, person__email="anh@example.org")
    assert anh.person.first_name_th == "เหงียน"
    assert anh.person.last_name_en == "Van Anh"
    assert anh.country.code == "VN"
    assert anh.role == Participation.Role.HEAD_OF_DELEGATION
    assert anh.person.organisation.name_en == "Hanoi People's Committee"
    assert anh.person.organisation.country.code == "VN"


@pytest.mark.parametrize(
    ("encoding", "bom", "delimiter"),
    [
        ("utf-8", True, ","),
        ("utf-8", False, ";"),
        ("cp874", False, ","),
        ("tis-620", False, ";"),
    ],
)
def test_thai_encodings_with_or_without_bom_and_either_separator_are_read(
    tmp_path, forum, encoding, bom, delimiter
):
    lines = [line.replace(",", delimiter) for line in [HEADER, ROWS[0]]]

    run_import(csv_file(tmp_path, lines, encoding=encoding, bom=bom), forum)

    person = Participation.objects.get(forum=forum).person
    assert (person.first_name_th, person.last_name_th) == ("สมชาย", "ใจดี")
    assert person.organisation.name_en == "Bangkok Metropolitan Administration"


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("VN", "VN"),
        ("vnm", "VN"),
        ("Vietnam", "VN"),
        ("Viet Nam", "VN"),
        ("เวียดนาม", "VN"),
        ("ประเทศไทย", "TH"),
        ("Thailand", "TH"),
        ("Lao People's Democratic Republic", "LA"),
    ],
)
def test_countries_are_found_by_iso_code_or_by_thai_or_english_name(tmp_path, forum, written, code):
    path = csv_file(tmp_path, ["first_name_en;country", f"Anh;{written}"])

    run_import(path, forum)

    assert Participation.objects.get(forum=forum).country.code == code


def test_an_existing_organisation_is_matched_by_name_in_either_language(tmp_path, forum):
    city = OrganisationFactory(
        name_th="กรุงเทพมหานคร", name_en="Bangkok Metropolitan Administration"
    )
    path = csv_file(tmp_path, ["first_name_en,country,organisation_th", "Somchai,TH,กรุงเทพมหานคร"])

    output = run_import(path, forum)

    assert "0 new organisations" in output
    assert Participation.objects.get(forum=forum).person.organisation == city


def test_re_importing_a_changed_file_updates_rather_than_duplicates(tmp_path, forum):
    run_import(csv_file(tmp_path, [HEADER, *ROWS]), forum)
    changed = [HEADER + ",position_en", ROWS[0] + ",Deputy Governor", ROWS[1] + ","]

    output = run_import(csv_file(tmp_path, changed, name="again.csv"), forum)

    assert "0 new, 1 updated, 1 unchanged" in output
    assert Participation.objects.filter(forum=forum).count() == 2
    assert Person.objects.get(email="somchai@example.org").position_en == "Deputy Governor"


def test_rows_without_email_are_matched_by_name(tmp_path, forum):
    path = csv_file(tmp_path, ["first_name_en,last_name_en,country,precedence", "Aung,Win,MM,5"])
    run_import(path, forum)
    again = csv_file(
        tmp_path, ["first_name_en,last_name_en,country,precedence", "aung,WIN,MM,3"], name="b.csv"
    )

    run_import(again, forum)

    assert Participation.objects.get(forum=forum).precedence == 3


def test_a_dry_run_reports_and_writes_nothing(tmp_path, forum):
    output = run_import(csv_file(tmp_path, [HEADER, *ROWS]), forum, "--dry-run")

    assert "Would import 2 rows" in output
    assert not Participation.objects.exists()


def test_the_round_trip_of_an_exported_file_changes_nothing(tmp_path, forum):
    participation = ParticipationFactory(
        forum=forum,
        person__position_en='=HYPERLINK("http://evil")',
        person__phone="+66 2 000 0000",
        person__honorific_en="-",
        country=CountryFactory(),
        consent_recorded_on="2019-08-01",
        badge_issued=True,
    )
    ParticipationFactory(forum=forum, person__organisation=None, registration_status="invited")
    for extension in ("csv", "xlsx"):
        exported = tmp_path / f"delegates.{extension}"
        call_command(
            "export_delegates", "--forum", forum.slug, "-o", str(exported), stdout=io.StringIO()
        )
        before = Person.objects.get(pk=participation.person_id).updated_at

        output = run_import(exported, forum)

        assert "0 new, 0 updated, 2 unchanged" in output
        assert Person.objects.get(pk=participation.person_id).updated_at == before
    person = Person.objects.get(pk=participation.person_id)
    assert person.position_en == '=HYPERLINK("http://evil")'
    assert person.phone == "+66 2 000 0000"


def test_a_country_shown_from_the_organisation_round_trips_without_becoming_the_delegates(
    tmp_path, forum
):
    # Found by the fuzzing in test_import_fuzzing.py: the export writes the organisation's
    # country for a delegate without one, and re-importing it counted as a change.
    viet_nam = Country.objects.get(code="VN")
    participation = ParticipationFactory(
        forum=forum, country=None, person__organisation__country=viet_nam
    )
    exported = tmp_path / "delegates.csv"
    call_command(
        "export_delegates", "--forum", forum.slug, "-o", str(exported), stdout=io.StringIO()
    )

    output = run_import(exported, forum)

    assert "0 new, 0 updated, 1 unchanged" in output
    assert Participation.objects.get(pk=participation.pk).country is None


def test_another_country_than_the_organisations_is_the_delegates_own(tmp_path, forum):
    participation = ParticipationFactory(
        forum=forum, country=None, person__organisation__country=Country.objects.get(code="VN")
    )
    path = csv_file(tmp_path, ["id,first_name_en,country", f"{participation.pk},Anh,TH"])

    run_import(path, forum)

    assert Participation.objects.get(pk=participation.pk).country.code == "TH"


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_an_xlsx_workbook_is_imported(tmp_path, forum):
    path = tmp_path / "delegates.xlsx"
    path.write_bytes(
        xlsx_bytes([["first_name_en", "country", "precedence"], ["Budi", "Indonesia", 7]])
    )

    run_import(path, forum)

    participation = Participation.objects.get(forum=forum)
    assert (participation.person.first_name_en, participation.precedence) == ("Budi", 7)
    assert participation.country.code == "ID"


def test_a_file_with_a_problem_in_any_row_writes_nothing_at_all(tmp_path, forum):
    path = csv_file(tmp_path, [HEADER, *ROWS, "Ann,,Ann,,Atlantis,,,,delegate"])

    message = refused(path, forum)

    assert "Row 4, column “country”" in message


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["first_name_en,email", "Ann,ann@example.org"],
            "Row 1, column “country”: The required column is missing.",
        ),
        (["country,email", "TH,ann@example.org"], "Row 1, column “first_name_en”"),
        (
            ["first_name_en,country", "Ann,Atlantis"],
            "Row 2, column “country”: Unknown country “Atlantis”",
        ),
        (
            ["first_name_en,country", "Ann,"],
            "Row 2, column “country”: A country is required for a new delegate.",
        ),
        (
            ["first_name_en,country,email", "Ann,TH,ann@"],
            "Row 2, column “email”: “ann@” is not an email address.",
        ),
        (
            ["first_name_en,country,role", "Ann,TH,king"],
            "Row 2, column “role”: “king” is not one of",
        ),
        (["first_name_en,country,precedence", "Ann,TH,first"], "Row 2, column “precedence”"),
        (
            ["first_name_en,country,consent_recorded_on", "Ann,TH,31/02/2019"],
            "Row 2, column “consent_recorded_on”",
        ),
        (
            ["first_name_en,country", "Ann,TH", "Bob,TH", "Ann,TH"],
            "Row 4: This row is the same delegate as row 2.",
        ),
        (
            ["first_name_en,country,email", "Ann,TH,a@example.org", "Annie,TH,A@example.org"],
            "Row 3: This row is the same delegate as row 2.",
        ),
        (
            ["first_name_en,country,organisation_en", "Ann,TH,Atlantis City"],
            "Row 2, column “organisation_type”",
        ),
        (
            ["first_name_en,country,id", "Ann,TH,999999"],
            "Row 2, column “id”: No delegate with id 999999",
        ),
        (
            ["first_name_en,country", "Ann,TH,extra"],
            "Row 2: The row has more cells than the header has columns.",
        ),
        (
            ["first_name_en,country,precedence", "Ann,TH,²"],
            "Row 2, column “precedence”: “²” is not a whole number from 0 to 32767.",
        ),
        ([""], "The file is empty."),
        (["first_name_en,country"], "The file has a header row but no delegates."),
    ],
)
def test_each_bad_input_is_refused_with_a_message_naming_row_and_column(
    tmp_path, forum, lines, expected
):
    assert expected in refused(csv_file(tmp_path, lines), forum)


def test_a_file_in_neither_utf8_nor_thai_windows_encoding_is_refused(tmp_path, forum):
    path = csv_file(tmp_path, ["first_name_en,country", "Ann,TH", "José,ES"], encoding="latin-1")

    message = refused(path, forum)

    assert "Row 3 cannot be read: the file is neither UTF-8 nor Windows-874" in message


def test_a_utf16_file_is_refused(tmp_path, forum):
    path = csv_file(tmp_path, ["first_name_en,country", "Ann,TH"], encoding="utf-16")

    assert "UTF-16" in refused(path, forum)


def test_an_xlsx_that_is_not_a_workbook_is_refused(tmp_path, forum):
    path = tmp_path / "delegates.xlsx"
    path.write_bytes(b"first_name_en,country\nAnn,TH\n")

    assert "The file is not an XLSX workbook" in refused(path, forum)


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path, forum):
    path = tmp_path / "delegates.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hello")

    assert "The file is not an XLSX workbook" in refused(path, forum)


def test_an_xlsx_that_inflates_past_the_limit_is_refused_unread(tmp_path, forum, settings):
    settings.IMPORT_MAX_UNCOMPRESSED_SIZE = 1_000_000
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 5_000_000)
    assert path.stat().st_size < 100_000

    assert "The workbook unpacks to 5 MB" in refused(path, forum)


def test_a_file_over_the_size_limit_is_refused(tmp_path, forum, settings):
    settings.IMPORT_MAX_FILE_SIZE = 50_000
    path = csv_file(tmp_path, [HEADER, *ROWS * 400])

    assert "MB; files up to 0.1 MB can be imported." in refused(path, forum)


def test_another_file_type_is_refused(tmp_path, forum):
    path = tmp_path / "delegates.pdf"
    path.write_bytes(b"%PDF-1.4")

    assert "Only .csv and .xlsx files can be imported." in refused(path, forum)


def test_an_unknown_forum_is_refused(tmp_path):
    with pytest.raises(CommandError, match="No forum has the slug"):
        call_command("import_delegates", str(csv_file(tmp_path, [HEADER])), "--forum", "nope")


def test_formula_prefixes_typed_into_a_file_are_kept_as_text(tmp_path, forum):
    path = csv_file(tmp_path, ["first_name_en,country,position_en", "Ann,TH,'=1+1"])

    run_import(path, forum)

    assert Participation.objects.get(forum=forum).person.position_en == "=1+1"


# Found by the fuzzing in test_import_fuzzing.py.


def test_a_nul_character_past_the_start_of_the_file_is_dropped_not_a_database_error(
    tmp_path, forum
):
    # The check for UTF-16 looks only at the first 4 KB; PostgreSQL refuses NUL in text.
    padding = [f"Person {n},TH" for n in range(600)]
    path = csv_file(tmp_path, ["first_name_en,country", *padding, "Ann\x00Marie,TH"])

    run_import(path, forum)

    assert Person.objects.filter(first_name_en="Ann Marie").exists()


def test_control_characters_in_names_are_dropped_so_the_list_still_exports_to_xlsx(tmp_path, forum):
    path = csv_file(tmp_path, ["first_name_en,country,position_th", "Ann\x08,TH,นายก\x1bเมือง"])
    run_import(path, forum)
    out = tmp_path / "out.xlsx"

    call_command("export_delegates", "--forum", forum.slug, "-o", str(out), stdout=io.StringIO())

    person = Person.objects.get()
    assert (person.first_name_en, person.position_th) == ("Ann", "นายก เมือง")
    assert out.stat().st_size > 0


def test_thai_digits_are_read_as_numbers(tmp_path, forum):
    path = csv_file(tmp_path, ["first_name_en,country,precedence", "Ann,TH,๑๒"])

    run_import(path, forum)

    assert Participation.objects.get(forum=forum).precedence == 12
