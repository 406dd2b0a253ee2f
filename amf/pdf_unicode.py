"""Keep Thai text copyable from WeasyPrint's PDFs, exactly as it was written.

HarfBuzz draws sara am (U+0E33) as two glyphs, nikhahit and sara aa, moving the nikhahit
before a tone mark, and Sarabun joins a nikhahit and a tone mark into one glyph
("uni0E4D0E49"). WeasyPrint maps each glyph to the text of its cluster once per font, first
come first served, so such glyphs got no text or the wrong text: copied text lost vowels and
tone marks ("ประจา", "เน้นยา"). Two fixes:

- Every Thai glyph maps to the characters its name spells (the Adobe glyph-list convention,
  "uni0E4D0E49.narrow" → nikhahit + mai tho), so no glyph copies as another's text.
- A glyph can map to one text only, so no map can turn nikhahit + sara aa back into sara am,
  nor put a tone mark back after the consonant it follows in the source ("น้ำ", not "นํ้า").
  Lines holding sara am are therefore marked with the text they show (a marked-content
  /ActualText span, PDF 1.4+, §14.9.4), which pdftotext, PDFium, pdf.js and Acrobat copy and
  search instead of the glyphs' own maps.
"""

import io
import re
from functools import cache

from fontTools.ttLib import TTFont
from weasyprint.draw import text as draw_text
from weasyprint.pdf import fonts

SARA_AM = "\u0e33"
GLYPH_NAME = re.compile(r"^uni((?:[0-9A-F]{4})+)(?:\..*)?$")
THAI = range(0x0E00, 0x0E80)


@cache
def _glyph_text(file_content: bytes) -> dict[int, str]:
    """Glyph id → text for every glyph whose name spells Thai characters."""
    font = TTFont(io.BytesIO(file_content), lazy=True)
    pinned = {}
    for glyph_id, name in enumerate(font.getGlyphOrder()):
        match = GLYPH_NAME.match(name)
        if not match:
            continue
        digits = match[1]
        codepoints = [int(digits[i : i + 4], 16) for i in range(0, len(digits), 4)]
        if all(codepoint in THAI for codepoint in codepoints):
            pinned[glyph_id] = "".join(map(chr, codepoints))
    return pinned


class GlyphTextMap(dict):
    """A font's glyph → text map that pins the glyphs of decomposed characters."""

    def __init__(self, pinned: dict[int, str]):
        super().__init__()
        self.pinned = pinned

    def __setitem__(self, glyph_id, text):
        super().__setitem__(glyph_id, self.pinned.get(glyph_id, text))


def actual_text(text: str) -> bytes:
    """The marked-content property list giving `text` as the actual text (UTF-16BE)."""
    return b"<</ActualText <FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">>>"


def line_text(textbox) -> str:
    """The text of the first line of a WeasyPrint text box, as drawn."""
    layout = textbox.pango_layout
    _line, next_line = layout.get_first_line()
    encoded = layout.text.encode()
    return (encoded if next_line is None else encoded[:next_line]).decode().rstrip()


def _draw_first_line(original):
    def draw_first_line(stream, textbox, *args, **kwargs):
        start = len(stream.stream)
        emojis = original(stream, textbox, *args, **kwargs)
        if len(stream.stream) > start and SARA_AM in textbox.pango_layout.text:
            text = line_text(textbox)
            if SARA_AM in text:
                stream.stream[start:start] = [b"/Span", actual_text(text), b"BDC"]
                stream.stream.append(b"EMC")
        return emojis

    return draw_first_line


def install() -> None:
    """Patch WeasyPrint so every font gets a GlyphTextMap and lines with sara am their
    actual text (idempotent)."""
    if getattr(fonts.Font, "_amf_glyph_text", False):
        return
    draw_text.draw_first_line = _draw_first_line(draw_text.draw_first_line)
    original = fonts.Font.__init__

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        try:
            pinned = _glyph_text(bytes(self.file_content))
        except Exception:  # a font fontTools cannot read keeps WeasyPrint's own mapping
            pinned = {}
        self.to_unicode = GlyphTextMap(pinned)

    fonts.Font.__init__ = __init__
    fonts.Font._amf_glyph_text = True
