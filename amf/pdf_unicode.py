"""Keep Thai text copyable from WeasyPrint's PDFs.

HarfBuzz draws sara am (U+0E33) as two glyphs, nikhahit and sara aa, and Sarabun joins a
nikhahit and a tone mark into one glyph ("uni0E4D0E49"). WeasyPrint maps each glyph to the text
of its cluster once per font, first come first served, so such glyphs got no text or the
wrong text: copied text lost vowels and tone marks ("ประจา", "เน้นยา"). Mapping every Thai
glyph to the characters its name spells (the Adobe glyph-list convention, "uni0E4D0E49.narrow"
→ nikhahit + mai tho) makes sara am copy as nikhahit + sara aa, which renders and reads the same.
"""

import io
import re
from functools import cache

from fontTools.ttLib import TTFont
from weasyprint.pdf import fonts

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


def install() -> None:
    """Patch WeasyPrint's Font so every font gets a GlyphTextMap (idempotent)."""
    if getattr(fonts.Font, "_amf_glyph_text", False):
        return
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
