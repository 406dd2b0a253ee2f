"""A workbook's first sheet, read as a stream with openpyxl's own reader and parser.

Imported only when an XLSX file is read, since openpyxl is slow to import.
"""

import io

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import INLINE_STRING, WorkSheetParser
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.functions import iterparse

NAMESPACE = INLINE_STRING.split("}")[0] + "}"
TEXT, RUN = f"{NAMESPACE}t", f"{NAMESPACE}r"


class FirstSheet:
    """A workbook's first worksheet, opened as openpyxl's load_workbook(read_only=True) does.

    openpyxl's read-only sheet reads the size a sheet claims from its <dimension> element, and
    when a sheet has none (openpyxl's own write-only files, for one) parses the whole sheet to
    find out. This looks for the element only before the sheet's data, so that opening a
    sheet costs nothing whatever its size.
    """

    def __init__(self, data: bytes):
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        self.archive = reader.archive
        self.workbook = reader.wb
        self.shared_strings = reader.shared_strings
        self.path = next(
            rel.target
            for _sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        )

    def claimed_size(self) -> tuple[int, int]:
        """The rows and columns the sheet's <dimension> claims ((0, 0) without one)."""
        with self.archive.open(self.path) as source:
            for event, element in iterparse(source, events=("start", "end")):
                name = element.tag.rsplit("}", 1)[-1]
                if event == "start" and name == "sheetData":
                    break
                if event == "end" and name == "dimension":
                    boundaries = SheetDimension.from_tree(element).boundaries
                    return boundaries[3] or 0, boundaries[2] or 0
        return 0, 0

    def rows(self):
        """(row number, cells) for each <row> of the sheet, each cell a dict with its
        "column" and "value", as openpyxl's parser gives them."""
        with self.archive.open(self.path) as source:
            parser = SheetParser(
                source,
                self.shared_strings,
                data_only=True,
                epoch=self.workbook.epoch,
                date_formats=self.workbook._date_formats,
                timedelta_formats=self.workbook._timedelta_formats,
            )
            yield from parser.parse()

    def close(self) -> None:
        self.archive.close()


class SheetParser(WorkSheetParser):
    """openpyxl's sheet parser, but reading inline strings (which openpyxl's write-only mode
    and other programs write) directly rather than through its slow rich-text objects."""

    def parse_cell(self, element):
        if element.get("t") != "inlineStr":
            return super().parse_cell(element)
        coordinate = element.get("r")
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        value = None
        inline = element.find(INLINE_STRING)
        if inline is not None:
            plain = inline.find(TEXT)
            if plain is not None:
                value = plain.text or ""
            else:  # Rich text: its runs' text, without phonetic guides.
                value = "".join(run.findtext(TEXT) or "" for run in inline.iter(RUN))
        return {"row": row, "column": column, "value": value, "data_type": "s", "style_id": 0}
