"""Files are read as a stream, within limits of rows, columns and characters per cell.

A workbook that claims or holds a huge range is refused before it costs memory; every
refusal names the limit. (How fast is `make bench BENCH=imports`'s to say.)
"""

import io
import re
import tracemalloc
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook

from delegates.spreadsheets import FileProblem, read_table


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def workbook(*cells: tuple[str, str], rows: list[list] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows or []:
        sheet.append(row)
    for coordinate, value in cells:
        sheet[coordinate] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def without_dimension(data: bytes) -> bytes:
    """The same workbook with its sheet's claimed size removed, as some programs write it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(rb"<dimension [^>]*/>", b"", content)
                assert b"<dimension" not in content
            target.writestr(info.filename, content)
    return out.getvalue()


def read_all(name: str, data: bytes) -> tuple[list[str], list[list[str]]]:
    table = read_table(name, data)
    return table.headers, list(table.rows)


def refusal(name: str, data: bytes) -> tuple[str, int]:
    """The message refusing the file, and the most memory reading it took (bytes)."""
    tracemalloc.start()
    try:
        with pytest.raises(FileProblem) as refused:
            read_all(name, data)
        return refused.value.message, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


HUGE = workbook(("A1", "first_name_en"), ("B1", "country"), ("XFD1048576", "x"))


def test_a_small_workbook_claiming_the_whole_sheet_is_refused_before_reading_it():
    assert len(HUGE) < 10_000

    message, peak = refusal("huge.xlsx", HUGE)

    assert "The sheet spans 1,048,576 rows and 16,384 columns" in message
    assert "up to 100,000 rows of delegates" in message
    assert "60 columns" in message
    assert peak < 5_000_000


def test_a_far_cell_in_a_workbook_that_claims_no_size_is_refused_when_met():
    message, peak = refusal("huge.xlsx", without_dimension(HUGE))

    assert "more than 100,000 rows of delegates" in message
    assert peak < 5_000_000


def test_a_value_past_the_last_column_is_refused_naming_the_column_and_the_limit(settings):
    settings.IMPORT_MAX_COLUMNS = 3
    data = without_dimension(workbook(rows=[["first_name_en", "country"], ["Anh", "VN", "", "x"]]))

    message, _peak = refusal("wide.xlsx", data)

    assert message == ("Row 2 has a value in column D; files of up to 3 columns can be imported.")


def test_a_workbook_over_the_row_limit_is_refused_but_empty_rows_after_the_list_are_not(
    settings,
):
    settings.IMPORT_MAX_ROWS = 2
    rows = [["first_name_en", "country"], ["Anh", "VN"], ["Budi", "ID"]]
    blank_tail = without_dimension(workbook(("A900", None), rows=rows))

    headers, read = read_all("ok.xlsx", blank_tail)
    message, _peak = refusal("long.xlsx", without_dimension(workbook(rows=[*rows, ["Siti", "MY"]])))

    assert headers == ["first_name_en", "country"]
    assert read == [["Anh", "VN"], ["Budi", "ID"]]
    assert "up to 2 can be imported" in message


def test_rows_keep_their_place_across_empty_rows():
    data = workbook(("A1", "first_name_en"), ("B1", "country"), ("A4", "Anh"), ("B4", "VN"))

    _headers, rows = read_all("gaps.xlsx", data)

    assert rows == [[], [], ["Anh", "VN"]]


@pytest.mark.parametrize(
    ("limit", "value", "lines", "expected"),
    [
        ("IMPORT_MAX_ROWS", 2, ["first_name_en,country", "A,TH", "B,TH", "C,TH"], "up to 2 can"),
        (
            "IMPORT_MAX_COLUMNS",
            2,
            ["first_name_en,country", "A,TH,,x"],
            "Row 2 has a value in column 4; files of up to 2 columns can be imported.",
        ),
        (
            "IMPORT_MAX_CELL_CHARS",
            13,
            ["first_name_en,country", "Annnnnnnnnnnnn,TH"],
            "Row 2, column “first_name_en” holds 14 characters; cells of up to 13 characters",
        ),
    ],
)
def test_a_csv_past_a_limit_is_refused_naming_it(settings, limit, value, lines, expected):
    setattr(settings, limit, value)

    message, _peak = refusal("list.csv", "\n".join(lines).encode())

    assert expected in message


def test_trailing_empty_cells_and_blank_lines_do_not_count_against_the_limits(settings):
    settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS = 1, 2
    data = b"first_name_en,country,,,\nAnh,VN,,,,,\n\n\n\n"

    headers, rows = read_all("list.csv", data)

    assert headers == ["first_name_en", "country"]
    assert rows == [["Anh", "VN"]]


def test_a_csv_is_decoded_as_it_is_read_not_held_whole():
    row = "นายสมชาย,ใจดี,TH," + "x" * 200 + "\n"
    data = ("first_name_th,last_name_th,country,position_en\n" + row * 25_000).encode()
    table = read_table("big.csv", data)

    tracemalloc.start()
    try:
        for _row in table.rows:
            pass
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert len(data) > 5_000_000
    assert peak < len(data) / 4


def test_a_cell_longer_than_the_csv_module_allows_is_refused_with_the_limit():
    data = b"first_name_en,country\n" + b"A" * 200_000 + b",TH\n"

    message, _peak = refusal("list.csv", data)

    assert "cells of up to 32,767 characters can be imported" in message


def test_inline_rich_and_shared_strings_dates_and_numbers_are_read_as_text():
    import datetime as dt

    from amf.tabular import write_xlsx

    written = io.BytesIO()  # write-only mode: inline strings, as our exports are
    write_xlsx(written, ["first_name_th", "precedence"], [["อัศวิน", "7"]])
    book = Workbook()
    book.active.append(["first_name_en", "consent_recorded_on", "badge_issued", "precedence"])
    book.active.append(["Anh", dt.date(2019, 8, 26), True, 3.0])
    typed = io.BytesIO()
    book.save(typed)
    cell = "<r><t>Ann </t></r><r><t>Lee</t></r><rPh sb='0' eb='1'><t>x</t></rPh>"
    rich = rewritten(
        workbook(rows=[["first_name_en"], ["placeholder"]]),
        rb"<is><t>placeholder</t></is>",
        f"<is>{cell}</is>".encode(),
    )
    # As Excel writes text: an index into the workbook's table of shared strings.
    shared = rewritten(
        workbook(rows=[["first_name_en"], ["placeholder"]]),
        rb'<c r="A2" t="inlineStr"><is><t>placeholder</t></is></c>',
        b'<c r="A2" t="s"><v>1</v></c>',
        shared_strings=["first_name_en", "สมชาย"],
    )

    assert read_all("a.xlsx", written.getvalue()) == (
        ["first_name_th", "precedence"],
        [["อัศวิน", "7"]],
    )
    assert read_all("b.xlsx", typed.getvalue())[1] == [["Anh", "2019-08-26", "yes", "3"]]
    assert read_all("c.xlsx", rich)[1] == [["Ann Lee"]]
    assert read_all("d.xlsx", shared)[1] == [["สมชาย"]]


def rewritten(data: bytes, old: bytes, new: bytes, *, shared_strings=()) -> bytes:
    """The workbook with `old` replaced by `new` in its sheet, and a shared-string table."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert old in content
                content = content.replace(old, new)
            if info.filename == "[Content_Types].xml" and shared_strings:
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                    b"</Types>",
                )
            target.writestr(info.filename, content)
        if shared_strings:
            items = "".join(f"<si><t>{text}</t></si>" for text in shared_strings)
            target.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">{items}</sst>')
    return out.getvalue()
