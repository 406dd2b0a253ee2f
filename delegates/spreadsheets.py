"""Read the CSV and XLSX files delegate lists come in as (writing is `amf.tabular`'s).

Reading accepts what embassies and Thai Excel actually send: UTF-8 with or without a BOM,
Windows-874 (TIS-620), commas or semicolons.
"""

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

# A Thai vowel or tone mark must sit on a Thai consonant, and a leading vowel must precede
# one; Latin-1 or Windows-1252 text decoded as Windows-874 breaks these rules ("é" → "้").
STRAY_THAI_MARK = re.compile(
    r"(?<![\u0e01-\u0e4e])[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]|[\u0e40-\u0e44](?![\u0e01-\u0e2e])"
)
DELIMITERS = (",", ";", "\t")


class FileProblem(Exception):
    """A file that cannot be read at all, with a message for the person who sent it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """The cells of a file's first sheet, as text, with the header row apart."""

    headers: list[str]
    rows: list[list[str]]
    encoding: str = ""
    delimiter: str = ""
    notes: list[str] = field(default_factory=list)


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


def read_table(name: str, data: bytes) -> Table:
    """Read a .csv or .xlsx file's cells, or raise FileProblem saying why it cannot be read."""
    if problem := size_problem(len(data)):
        raise problem
    if not data.strip():
        raise FileProblem(_("The file is empty."))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "xlsx":
        table = read_xlsx(data)
    elif extension in {"csv", "txt"}:
        table = read_csv(data)
    else:
        raise FileProblem(_("Only .csv and .xlsx files can be imported."))
    if not any(header.strip() for header in table.headers):
        raise FileProblem(_("The file is empty."))
    if not any(any(cell.strip() for cell in row) for row in table.rows):
        raise FileProblem(_("The file has a header row but no delegates."))
    return table


def decode(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes as UTF-8 (BOM or not) or Windows-874; return the text and encoding."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4096]:
        raise FileProblem(
            _(
                "The file is in UTF-16 or is not a text file. Save it as “CSV UTF-8” "
                "or as CSV in Windows-874 (TIS-620)."
            )
        )
    if data.startswith(codecs.BOM_UTF8):
        return _decode_or_complain(data[len(codecs.BOM_UTF8) :], "utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _decode_or_complain(data, "cp874")
    if match := STRAY_THAI_MARK.search(text):
        line = text.count("\n", 0, match.start()) + 1
        raise FileProblem(_wrong_encoding(line))
    return text, "cp874"


def _decode_or_complain(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise FileProblem(_wrong_encoding(data.count(b"\n", 0, error.start) + 1)) from None


def _wrong_encoding(line: int) -> str:
    return _(
        "Row %(row)d cannot be read: the file is neither UTF-8 nor Windows-874 (TIS-620). "
        "Save it as “CSV UTF-8” and import it again."
    ) % {"row": line}


def read_csv(data: bytes) -> Table:
    """Read CSV bytes, guessing the encoding and whether cells are split by , ; or tab."""
    text, encoding = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise FileProblem(
            _("Row %(row)d cannot be read: %(error)s") % {"row": reader.line_num, "error": error}
        ) from None
    headers, *rows = rows or [[]]
    return Table(headers=headers, rows=rows, encoding=encoding, delimiter=delimiter)


def read_xlsx(data: bytes) -> Table:
    """Read the first sheet of an XLSX workbook, refusing archives that inflate too far."""
    from openpyxl import load_workbook

    not_a_workbook = FileProblem(
        _("The file is not an XLSX workbook. Save it from Excel as .xlsx, or as CSV.")
    )
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
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    except Exception:  # openpyxl raises many kinds of error on a damaged workbook.
        raise not_a_workbook from None
    headers, *rows = rows or [[]]
    return Table(headers=headers, rows=rows, encoding="xlsx")


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
