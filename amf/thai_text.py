"""Thai that wraps between words on the public pages.

Thai is written without spaces between words; browsers find where a line may wrap with
their own dictionary, which misreads some phrases ("เป็นก|รอบ" for เป็น|กรอบ) and every name
it does not know ("ขวัญ|เมือง"). Here the breaks are found with libthai, the dictionary
WeasyPrint's PDFs already break Thai lines with (through Pango), and the page is told: a
run of Thai letters is one unbreakable piece (`<span class="nobr">`) except at `<wbr>`,
put between its words (Chrome and Firefox break at <wbr> even where nowrap forbids any
other break). Names in headings are kept whole word by word, whatever a dictionary says.
"""

import ctypes
import ctypes.util
import itertools
import re
import threading
from functools import cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

THAI_RUN = re.compile(r"[\u0e01-\u0e5b]{2,}")
MAX_BREAKS = 1024


class _LibThai:
    """libthai's word breaker (libthai0 on Debian, which Pango needs anyway)."""

    def __init__(self, library):
        self.library = library
        library.th_brk_new.restype = ctypes.c_void_p
        library.th_brk_new.argtypes = [ctypes.c_char_p]
        library.th_brk_find_breaks.restype = ctypes.c_int
        library.th_brk_find_breaks.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.c_size_t,
        ]
        self.breaker = library.th_brk_new(None)
        # A breaker object is not to be shared by threads at the same time.
        self.lock = threading.Lock()

    def words(self, text: str) -> list[str]:
        encoded = text.encode("tis-620")
        positions = (ctypes.c_int * MAX_BREAKS)()
        with self.lock:
            count = self.library.th_brk_find_breaks(self.breaker, encoded, positions, MAX_BREAKS)
        # TIS-620 is one byte a character, so byte positions are character positions.
        cuts = [0, *positions[:count], len(text)]
        return [text[start:end] for start, end in itertools.pairwise(cuts) if end > start]


@cache
def _libthai() -> _LibThai | None:
    name = ctypes.util.find_library("thai") or "libthai.so.0"
    try:
        library = ctypes.CDLL(name)
        breaker = _LibThai(library)
    except (OSError, AttributeError):
        return None
    return breaker if breaker.breaker else None


def thai_words(text: str) -> list[str]:
    """A run of Thai letters cut into words; one piece if libthai is not installed."""
    breaker = _libthai()
    if breaker is None:
        return [text]
    try:
        return breaker.words(text)
    except UnicodeEncodeError:
        return [text]


def _run_markup(match: re.Match) -> str:
    # Within a nowrap span the browser breaks only at <wbr>: at libthai's word boundaries.
    return '<span class="nobr">' + "<wbr>".join(thai_words(match[0])) + "</span>"


def break_thai_html(html: str) -> SafeString:
    """Safe HTML whose Thai runs break only between words.

    Only the text between tags changes; Thai letters never form markup, so they can be
    wrapped where they stand.
    """
    parts = re.split(r"(<[^>]*>)", str(html))
    for index in range(0, len(parts), 2):
        parts[index] = THAI_RUN.sub(_run_markup, parts[index])
    return mark_safe("".join(parts))


def break_thai_text(text) -> SafeString:
    """Plain text, escaped, with Thai wrapping between words (see break_thai_html)."""
    return break_thai_html(escape(text))


def unbroken_words(text) -> SafeString:
    """Plain text, escaped, each space-separated word kept on one line (a person's name)."""
    return mark_safe(
        " ".join(f'<span class="nobr">{escape(word)}</span>' for word in str(text).split())
    )
