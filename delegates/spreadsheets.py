"""Read the CSV and XLSX files delegate lists come in as (writing is `amf.tabular`'s).

Reading accepts what embassies and Thai Excel actually send: UTF-8 with or without a BOM,
Windows-874 (TIS-620), commas or semicolons.

Rows are read as a stream, one at a time, as the import consumes them: neither the decoded
text nor a sheet's cells are ever held whole. Limits bound what a file may ask of the
server: its size, how far a workbook inflates, and rows, columns and characters per cell
(IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS, IMPORT_MAX_CELL_CHARS). A file past a limit is refused
with a message naming it, as soon as the reading gets there; a sheet that claims a range
past the limits is refused before any row is read.
"""

import codecs
import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

# A Thai vowel or tone mark must sit on a Thai consonant, and a leading vowel must precede
# one; Latin-1 or Windows-1252 text decoded as Windows-874 breaks these rules ("é" → "้").
STRAY_THAI_MARK = re.compile(
    r"(?<![\u0e01-\u0e4e])[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]|[\u0e40-\u0e44](?![\u0e01-\u0e2e])"
)
DELIMITERS = (",", ";", "\t")
# Bytes decoded at a time when checking a file's encoding.
CHUNK = 1 << 20


class FileProblem(Exception):
    """A file that cannot be read at all, with a message for the person who sent it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Limits:
    rows: int
    columns: int
    cell_chars: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            rows=settings.IMPORT_MAX_ROWS,
            columns=settings.IMPORT_MAX_COLUMNS,
            cell_chars=settings.IMPORT_MAX_CELL_CHARS,
        )


@dataclass
class Table:
    """A file's first sheet: its header row, and its other rows as text, read as they go.

    `rows` can be iterated once, in order; it yields every row after the header (empty ones
    too, so that counting them gives the file's row numbers) and raises FileProblem when the
    file breaks a limit or holds no delegate at all. `size_hint` is about how many rows
    follow the header, for progress (0 when unknown).
    """

    headers: list[str]
    rows: Iterator[list[str]]
    encoding: str = ""
    delimiter: str = ""
    notes: list[str] = field(default_factory=list)
    size_hint: int = 0


def max_upload_bytes() -> int:
    return settings.IMPORT_MAX_FILE_SIZE


def size_problem(size: int) -> FileProblem | None:
    """The complaint about a file of `size` bytes, if it is over the limit."""
    limit = max_upload_bytes()
    if size <= limit:
        return None
    return FileProblem(
        _("The file is %(size).1f MB; files up to %(limit).1f MB can be imported.")
        % {"size": size / 1_000_000, "limit": limit / 1_000_000}
    )


def extension_problem(name: str) -> FileProblem | None:
    """The complaint about a file that is neither CSV nor XLSX, judging by its name."""
    if _extension(name) in {"xlsx", "csv", "txt"}:
        return None
    return FileProblem(_("Only .csv and .xlsx files can be imported."))


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def read_table(name: str, data: bytes, *, limits: Limits | None = None) -> Table:
    """Open a .csv or .xlsx file for reading, or raise FileProblem saying why it cannot be.

    The header is read at once; the rows as `Table.rows` is iterated (see Table).
    """
    limits = limits or Limits.from_settings()
    if problem := size_problem(len(data)):
        raise problem
    if problem := extension_problem(name):
        raise problem
    if not data.strip():
        raise FileProblem(_("The file is empty."))
    table = read_xlsx(data, limits) if _extension(name) == "xlsx" else read_csv(data, limits)
    if not any(header.strip() for header in table.headers):
        raise FileProblem(_("The file is empty."))
    return table


def _too_many_rows(limits: Limits) -> FileProblem:
    return FileProblem(
        _("The file has more than %(limit)s rows of delegates; up to %(limit)s can be imported.")
        % {"limit": f"{limits.rows:,}"}
    )


def _too_many_columns(row: int, column: str, limits: Limits) -> FileProblem:
    return FileProblem(
        _(
            "Row %(row)d has a value in column %(column)s; files of up to %(limit)d columns "
            "can be imported."
        )
        % {"row": row, "column": column, "limit": limits.columns}
    )


def _cell_too_long(row: int, column: str, length: int, limits: Limits) -> FileProblem:
    return FileProblem(
        _(
            "Row %(row)d, column %(column)s holds %(length)s characters; cells of up to "
            "%(limit)s characters can be imported."
        )
        % {"row": row, "column": column, "length": f"{length:,}", "limit": f"{limits.cell_chars:,}"}
    )


def _checked(row: list[str], number: int, limits: Limits, column_name) -> list[str]:
    """The row without its trailing empty cells, refused if it is too wide or a cell too long."""
    width = len(row)
    while width and not row[width - 1].strip():
        width -= 1
    if width > limits.columns:
        raise _too_many_columns(number, column_name(width), limits)
    for index in range(width):
        if len(row[index]) > limits.cell_chars:
            raise _cell_too_long(number, column_name(index + 1), len(row[index]), limits)
    return row[:width] if width < len(row) else row


def _limited(rows: Iterable[list[str]], limits: Limits, column_name) -> Iterator[list[str]]:
    """Rows 2, 3, … of a file, within the limits; FileProblem at the end if none holds data."""
    last_row = limits.rows + 1
    found = False
    for number, row in enumerate(rows, start=2):
        row = _checked(row, number, limits, column_name)
        if not row:
            if number <= last_row:
                yield row
            continue
        if number > last_row:
            raise _too_many_rows(limits)
        found = True
        yield row
    if not found:
        raise FileProblem(_("The file has a header row but no delegates."))


# CSV


def decode_check(data: bytes) -> str:
    """The encoding CSV bytes are in (UTF-8 with or without BOM, or Windows-874), having
    decoded them all, a chunk at a time; FileProblem naming the first row that is neither."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4096]:
        raise FileProblem(
            _(
                "The file is in UTF-16 or is not a text file. Save it as “CSV UTF-8” "
                "or as CSV in Windows-874 (TIS-620)."
            )
        )
    if data.startswith(codecs.BOM_UTF8):
        if (offset := _utf8_error(data, len(codecs.BOM_UTF8))) is not None:
            raise FileProblem(_wrong_encoding(data.count(b"\n", 0, offset) + 1))
        return "utf-8-sig"
    if _utf8_error(data, 0) is None:
        return "utf-8"
    _check_windows_874(data)
    return "cp874"


def _utf8_error(data: bytes, start: int) -> int | None:
    """The offset of the first byte that is not UTF-8, or None if all of it is."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    for position in range(start, len(data), CHUNK):
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(view[position : position + CHUNK])
        except UnicodeDecodeError as error:
            return position - pending + error.start
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return len(data) - len(decoder.getstate()[0])
    return None


def _check_windows_874(data: bytes) -> None:
    """Refuse bytes that Windows-874 does not define, or that read as misplaced Thai marks."""
    line = 1
    position = 0
    while position < len(data):
        end = data.rfind(b"\n", position, position + CHUNK) + 1 or min(len(data), position + CHUNK)
        if end <= position:
            end = min(len(data), position + CHUNK)
        chunk = data[position:end]
        try:
            text = chunk.decode("cp874")
        except UnicodeDecodeError as error:
            raise FileProblem(_wrong_encoding(line + chunk.count(b"\n", 0, error.start))) from None
        if match := STRAY_THAI_MARK.search(text):
            raise FileProblem(_wrong_encoding(line + text.count("\n", 0, match.start())))
        line += chunk.count(b"\n")
        position = end


def _wrong_encoding(line: int) -> str:
    return _(
        "Row %(row)d cannot be read: the file is neither UTF-8 nor Windows-874 (TIS-620). "
        "Save it as “CSV UTF-8” and import it again."
    ) % {"row": line}


def read_csv(data: bytes, limits: Limits | None = None) -> Table:
    """Open CSV bytes, guessing the encoding and whether cells are split by , ; or tab."""
    limits = limits or Limits.from_settings()
    encoding = decode_check(data)
    buffer = io.BytesIO(data)
    if encoding == "utf-8-sig":
        buffer.seek(len(codecs.BOM_UTF8))
    text = io.TextIOWrapper(
        buffer, encoding="utf-8" if encoding == "utf-8-sig" else encoding, newline=""
    )
    first_line = text.readline()
    delimiter = max(DELIMITERS, key=first_line.count)
    reader = csv.reader(itertools.chain([first_line], text), delimiter=delimiter)
    records = _csv_records(reader, limits)
    headers = next(records, [])
    headers = _checked(headers, 1, limits, lambda n: _csv_column(headers, n))
    rows = _limited(records, limits, lambda n: _csv_column(headers, n))
    return Table(
        headers=headers,
        rows=rows,
        encoding=encoding,
        delimiter=delimiter,
        size_hint=max(0, data.count(b"\n") - 1),
    )


def _csv_column(headers: list[str], number: int) -> str:
    """Column `number` (from 1) as a person finds it: its header, or its place."""
    if number <= len(headers) and headers[number - 1].strip():
        return f"“{headers[number - 1].strip()}”"
    return str(number)


def _csv_records(reader, limits: Limits) -> Iterator[list[str]]:
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise FileProblem(
                    _(
                        "Row %(row)d holds a cell longer than %(limit)s characters; cells of "
                        "up to %(limit)s characters can be imported."
                    )
                    % {"row": reader.line_num, "limit": f"{limits.cell_chars:,}"}
                ) from None
            raise FileProblem(
                _("Row %(row)d cannot be read: %(error)s")
                % {"row": reader.line_num, "error": error}
            ) from None
        yield row


# XLSX


def get_column_letter(number: int) -> str:
    """A column's letters as Excel names it: 1 → A, 27 → AA."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_xlsx(data: bytes, limits: Limits | None = None) -> Table:
    """Open the first sheet of an XLSX workbook, refusing archives that inflate too far and
    sheets that claim more rows or columns than the limits."""
    limits = limits or Limits.from_settings()
    not_a_workbook = _not_a_workbook()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise not_a_workbook from None
    if "xl/workbook.xml" not in names:
        raise not_a_workbook
    limit = settings.IMPORT_MAX_UNCOMPRESSED_SIZE
    if inflated > limit:
        raise FileProblem(
            _("The workbook unpacks to %(size).0f MB; workbooks up to %(limit).0f MB are read.")
            % {"size": inflated / 1_000_000, "limit": limit / 1_000_000}
        )
    from delegates.xlsx import FirstSheet

    try:
        sheet = FirstSheet(data)
        claimed_rows, claimed_columns = sheet.claimed_size()
    except Exception:  # openpyxl raises many kinds of error on a damaged workbook.
        raise not_a_workbook from None
    if claimed_rows > limits.rows + 1 or claimed_columns > limits.columns:
        sheet.close()
        raise FileProblem(
            _(
                "The sheet spans %(rows)s rows and %(columns)s columns; up to %(max_rows)s rows "
                "of delegates (below a header row) and %(max_columns)s columns can be imported. "
                "Delete the rows and columns beyond the list, save, and upload it again."
            )
            % {
                "rows": f"{claimed_rows:,}",
                "columns": f"{claimed_columns:,}",
                "max_rows": f"{limits.rows:,}",
                "max_columns": limits.columns,
            }
        )
    sheet_rows = _sheet_rows(sheet, limits)
    headers = _checked(next(sheet_rows, []), 1, limits, get_column_letter)
    return Table(
        headers=headers,
        rows=_limited(sheet_rows, limits, get_column_letter),
        encoding="xlsx",
        size_hint=max(0, claimed_rows - 1),
    )


def _not_a_workbook() -> FileProblem:
    return FileProblem(
        _("The file is not an XLSX workbook. Save it from Excel as .xlsx, or as CSV.")
    )


def _sheet_rows(sheet, limits: Limits) -> Iterator[list[str]]:
    """A sheet's rows as lists of text, from row 1 on, empty rows included.

    Unlike openpyxl's read-only `iter_rows`, it does not fill in the empty rows and cells up
    to the size the sheet claims or a far cell stands at: a row beyond the limits with a
    value in it is refused as soon as it is met, and empty rows after the last one with
    values are not produced at all.
    """
    expected = 1
    try:
        for number, cells in sheet.rows():
            values = {
                cell["column"]: cell["value"]
                for cell in cells
                if cell["value"] is not None and cell["value"] != ""
            }
            if number < expected or not values:
                continue
            if number > limits.rows + 1:
                raise _too_many_rows(limits)
            last = max(values)
            if last > limits.columns:
                raise _too_many_columns(number, get_column_letter(last), limits)
            while expected < number:
                yield []
                expected += 1
            row = [""] * last
            for column, value in values.items():
                row[column - 1] = cell_text(value)
            yield row
            expected = number + 1
    except FileProblem:
        raise
    except Exception:  # A damaged sheet shows only as its XML is parsed.
        raise _not_a_workbook() from None
    finally:
        sheet.close()


def cell_text(value) -> str:
    """A workbook cell's value as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
