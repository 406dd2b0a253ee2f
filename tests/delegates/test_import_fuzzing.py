"""Random files thrown at the delegate import: a clear refusal or an import, never a crash.

Hypothesis runs derandomised, so CI sees the same examples on every run; a failure it
finds becomes a regular regression test in test_import.py.
"""

import codecs
import csv
import io
import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from amf.models import Job
from delegates.models import Organisation, Participation, Person
from delegates.resources import DelegateResource
from tests.factories import ForumFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

COLUMNS = DelegateResource(include_contacts=True).columns
# Spellings people give the real columns, which the import accepts or names as unknown.
HEADER_VARIANTS = ["Organization_TH", "E-mail", "Country Code", " FIRST NAME EN ", "\ufeffid"]
THAI = st.text(st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B), max_size=12)
TRICKY = st.sampled_from(
    [
        "",
        " ",
        "=1+1",
        '=HYPERLINK("http://example.org")',
        "+66 2 224 8177",
        "-5",
        "@SUM(A1)",
        "\t=1",
        "\r",
        '"',
        '""',
        'a "quoted" word',
        "a;b",
        "a,b",
        "'=1",
        "TH",
        "vn",
        "XX",
        "Thailand",
        "ไทย",
        "เวียดนาม",
        "anh@example.org",
        "ANH@EXAMPLE.ORG",
        "not-an-email",
        "yes",
        "no",
        "ใช่",
        "2019-08-26",
        "2019-02-31",
        "26/08/2562",
        "9" * 30,
        "-1",
        "0",
        "1.5",
        "1e9",
        "NaN",
        "speaker",
        "confirmed",
        "cancelled",
        "กรุงเทพมหานคร",
        "x" * 300,
        "Ann\x00",
        "\x08",
        "นายก\x1bเมือง",
        "\x7f",
        "²",
        "๑๒",
        "\u200b",
    ]
)
CELL = st.one_of(TRICKY, THAI, st.text(max_size=15), st.integers().map(str))
# Characters that have broken spreadsheets and databases before, slipped into plain text.
ODD_CHARACTERS = st.sampled_from(["\x00", "\x08", "\x0b", "\x1b", "\x7f", "\x85", "²", "①", "๑"])
SPIKED = st.builds("{}{}{}".format, THAI, ODD_CHARACTERS, st.text(max_size=5))
HEADER = st.one_of(st.sampled_from(COLUMNS), st.sampled_from(HEADER_VARIANTS), st.text(max_size=10))


@st.composite
def csv_files(draw) -> bytes:
    """A CSV of random shape: some real columns, some junk, ragged rows, any encoding."""
    headers = draw(st.lists(HEADER, max_size=10))
    if draw(st.booleans()):
        headers += draw(st.permutations(["first_name_en", "country"]))
    rows = draw(
        st.lists(st.lists(CELL, max_size=len(headers) + 2), max_size=8),
    )
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    if draw(st.booleans()):
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows([headers, *rows])
        text = out.getvalue()
    else:  # Written by hand, as a careless script would: quotes and delimiters unescaped.
        text = newline.join(delimiter.join(row) for row in [headers, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp874"]))
    if encoding == "cp874":
        return text.encode("cp874", errors="replace")
    data = text.encode("utf-8", errors="surrogatepass")
    return codecs.BOM_UTF8 + data if encoding == "utf-8-sig" else data


@st.composite
def xlsx_files(draw) -> bytes:
    """A real workbook of random shape, its cells text, numbers, dates or empty."""
    value = st.one_of(
        CELL,
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**20), max_value=10**20),
        st.floats(allow_nan=False, allow_infinity=False),
        st.dates(),
    )
    headers = draw(st.lists(HEADER, max_size=8))
    if draw(st.booleans()):
        headers += ["first_name_en", "country"]
    workbook = Workbook()
    for row in [headers, *draw(st.lists(st.lists(value, max_size=len(headers) + 2), max_size=6))]:
        # Control characters cannot be stored in a workbook at all.
        workbook.active.append(
            [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@st.composite
def plausible_csv_files(draw) -> bytes:
    """A CSV that gets past the header checks: named delegates, real countries, one odd column.

    Random shapes rarely reach the database; these do, with random text in a real column.
    """
    column = draw(st.sampled_from([c for c in COLUMNS if c not in ("first_name_en", "country")]))
    cells = draw(st.lists(st.one_of(SPIKED, TRICKY, CELL), min_size=1, max_size=5))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";"])))
    writer.writerow(["first_name_en", "country", column])
    for n, cell in enumerate(cells):
        # Distinct names, or the rows would be refused as the same delegate twice.
        name = f"{draw(st.sampled_from(['Anh', 'สมชาย', 'Ann Lee']))} {n}"
        writer.writerow([name, draw(st.sampled_from(["TH", "VN", "ไทย"])), cell])
    return out.getvalue().encode(draw(st.sampled_from(["utf-8", "utf-8-sig"])))


FILES = st.one_of(
    st.tuples(st.binary(max_size=600), st.sampled_from(["delegates.csv", "delegates.xlsx"])),
    st.tuples(csv_files(), st.just("delegates.csv")),
    st.tuples(xlsx_files(), st.just("delegates.xlsx")),
)


def counts() -> tuple[int, int, int]:
    return Person.objects.count(), Organisation.objects.count(), Participation.objects.count()


@pytest.fixture
def forum():
    forum = ForumFactory()
    # Someone to match, update or collide with.
    ParticipationFactory(forum=forum, person__email="anh@example.org", person__first_name_en="Anh")
    return forum


def run_command(content: bytes, name: str, forum, dry_run: bool) -> str:
    """Import the file, then export the forum both ways, which must work whatever came in.

    Returns what a dry-run import of the exported CSV says it would do.
    """
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / name
        path.write_bytes(content)
        quiet = {"stderr": io.StringIO()}
        call_command(
            "import_delegates",
            str(path),
            forum=forum.slug,
            dry_run=dry_run,
            stdout=io.StringIO(),
            **quiet,
        )
        exported = Path(directory) / "out.csv"
        for out in (exported, Path(directory) / "out.xlsx"):
            call_command(
                "export_delegates", forum=forum.slug, output=out, stdout=io.StringIO(), **quiet
            )
        again = io.StringIO()
        call_command(
            "import_delegates", str(exported), forum=forum.slug, dry_run=True, stdout=again, **quiet
        )
        return again.getvalue()


@FUZZ
@given(file=FILES, dry_run=st.booleans())
def test_the_command_imports_or_refuses_and_never_half_writes(forum, file, dry_run):
    content, name = file
    before = counts()

    try:
        run_command(content, name, forum, dry_run)
    except CommandError:
        assert counts() == before
    else:
        if dry_run:
            assert counts() == before


@FUZZ
@given(content=plausible_csv_files())
def test_a_plausible_file_imports_or_refuses_and_what_it_imports_exports(forum, content):
    before = counts()

    try:
        round_trip = run_command(content, "delegates.csv", forum, dry_run=False)
    except CommandError:
        assert counts() == before
    else:
        # What went in comes back out unchanged: re-importing the export changes nothing.
        assert " 0 new, 0 updated," in round_trip


@FUZZ
@given(file=st.one_of(FILES, st.tuples(plausible_csv_files(), st.just("delegates.csv"))))
def test_an_admin_upload_never_fails_with_a_server_error_nor_writes(
    admin_client, forum, run_jobs, file
):
    content, name = file
    upload = io.BytesIO(content)
    upload.name = name
    before = counts()

    response = admin_client.post(
        reverse("admin:delegates_participation_import"), {"forum": forum.pk, "file": upload}
    )
    run_jobs()

    # Refused on the form (an empty upload), or previewed by a job that ends with a report.
    assert response.status_code in {200, 302}
    assert counts() == before
    assert not Job.objects.filter(state__in=["queued", "running"]).exists()
    # No preview ends in an unexpected error: the queue would have kept its traceback.
    assert not DBTaskResult.objects.filter(status="FAILED").exists()
