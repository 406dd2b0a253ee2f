"""Spreadsheets the application writes (CSV and XLSX), made safe to open in Excel.

Every exported file goes through here, so that the rule against formula injection is
written once: a cell that starts like a formula (or a DDE command) gets a leading apostrophe.
CSV is UTF-8 with a byte-order mark, so that Excel shows Thai.
"""

import codecs
import csv
import re
from collections.abc import Iterable, Iterator

# Excel, LibreOffice and Google Sheets start a formula (or a DDE command) with these.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"
# What the XLSX format cannot hold at all (openpyxl refuses the whole cell): control
# characters other than tab, line feed and carriage return.
XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value: str) -> str:
    """Keep a cell from being read as a formula by prefixing an apostrophe."""
    if value and value.startswith(FORMULA_TRIGGERS):
        return NEUTRALISER + value
    return value


def unneutralise(value: str) -> str:
    """Undo `neutralise`, so that an exported file imports back unchanged."""
    if value.startswith(NEUTRALISER) and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


class _Line:
    """A file-like object that hands back what csv.writer writes to it."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(headers: list[str], rows: Iterable[list]) -> Iterator[bytes]:
    """Yield a CSV file in UTF-8 with a BOM, a row at a time, with formulas neutralised.

    Cells may be text or numbers; anything else is written as its text.
    """
    writer = csv.writer(_Line())
    yield codecs.BOM_UTF8 + writer.writerow([neutralise(h) for h in headers]).encode()
    batch = []
    for row in rows:
        batch.append(writer.writerow([_csv_value(value) for value in row]))
        if len(batch) == 500:
            yield "".join(batch).encode()
            batch = []
    if batch:
        yield "".join(batch).encode()


# Every trigger is one character, so a set lookup of the first one decides.
_TRIGGER_CHARACTERS = frozenset(FORMULA_TRIGGERS)


def _csv_value(value):
    # Called for every cell of exports of 100,000 rows: text, the common case, first.
    if type(value) is str:
        return NEUTRALISER + value if value and value[0] in _TRIGGER_CHARACTERS else value
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    return neutralise(str(value))


def csv_bytes(headers: list[str], rows: Iterable[list]) -> bytes:
    """A whole CSV file (see `csv_chunks`), for files small enough to hold at once."""
    return b"".join(csv_chunks(headers, rows))


def write_xlsx(out, headers: list[str], rows: Iterable[list[str]], *, title: str = "") -> None:
    """Write an XLSX workbook row by row (openpyxl's write-only mode), formulas neutralised."""
    write_xlsx_sheets(out, [(title, headers, rows)])


def write_xlsx_sheets(out, sheets: Iterable[tuple[str, list[str], Iterable[list[str]]]]) -> None:
    """Write an XLSX workbook of several sheets, each (title, headers, rows), as write_xlsx."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31] or None)
        sheet.append([neutralise(XLSX_ILLEGAL.sub("", h)) for h in headers])
        for row in rows:
            sheet.append([_xlsx_value(value) for value in row])
    workbook.save(out)


def _xlsx_value(value: str):
    # Whole numbers are stored as numbers so Excel does not flag them; codes with a
    # leading zero (phone numbers) stay text.
    if value.isascii() and value.isdigit() and not value.startswith("0") and len(value) < 16:
        return int(value)
    return neutralise(XLSX_ILLEGAL.sub("", value))
