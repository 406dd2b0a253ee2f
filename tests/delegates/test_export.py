"""Exporting delegates: files safe to open in Excel, contact details only when allowed."""

import codecs
import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from delegates.models import ExportLog
from tests.factories import ForumFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

DANGEROUS = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(1)", "\tTAB", "\rCR"]


@pytest.fixture
def forum():
    forum = ForumFactory(slug="amf-export")
    for n, value in enumerate(DANGEROUS):
        ParticipationFactory(forum=forum, precedence=n, person__position_en=value)
    return forum


def export(forum, path, *extra):
    call_command(
        "export_delegates", "--forum", forum.slug, "-o", str(path), *extra, stdout=io.StringIO()
    )


def test_a_csv_export_is_utf8_with_a_bom_so_excel_shows_thai(tmp_path, forum):
    path = tmp_path / "delegates.csv"

    export(forum, path)

    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert "สมชาย" in data.decode("utf-8-sig")


def test_cells_excel_would_run_as_formulas_are_neutralised_in_csv(tmp_path, forum):
    path = tmp_path / "delegates.csv"

    export(forum, path)

    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    positions = [row["position_en"] for row in rows]
    assert positions == [f"'{value}" for value in DANGEROUS]
    assert all(row["phone"].startswith("'+66") for row in rows)


def test_cells_excel_would_run_as_formulas_are_neutralised_in_xlsx(tmp_path, forum):
    path = tmp_path / "delegates.xlsx"

    export(forum, path)

    sheet = load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    column = header.index("position_en")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    # XML turns a carriage return into a line feed; the apostrophe comes first all the same.
    expected = [f"'{value}".replace("\r", "\n") for value in DANGEROUS]
    assert [cell.value for cell in cells] == expected
    assert {cell.data_type for cell in cells} == {"s"}


def test_the_command_can_leave_contact_details_out_and_logs_every_export(tmp_path, forum):
    path = tmp_path / "delegates.csv"

    export(forum, path, "--without-contacts")

    header = path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert "email" not in header and "phone" not in header
    log = ExportLog.objects.get()
    assert (log.forum, log.row_count, log.includes_contact_details) == (forum, 6, False)
    assert log.user is None


def test_text_an_xlsx_cannot_hold_is_left_out_rather_than_failing_the_export(tmp_path, forum):
    # Typed in the admin, which lets control characters and "²" through.
    ParticipationFactory(forum=forum, precedence=99, person__position_en="Mayor\x08²")
    path = tmp_path / "delegates.xlsx"

    export(forum, path)

    sheet = load_workbook(path).active
    column = [cell.value for cell in sheet[1]].index("position_en")
    assert "Mayor²" in [row[column].value for row in sheet.iter_rows(min_row=2)]


def test_an_output_file_of_another_type_is_refused(tmp_path, forum):
    with pytest.raises(CommandError, match=r"\.csv or \.xlsx"):
        export(forum, tmp_path / "delegates.pdf")
    assert not ExportLog.objects.exists()
