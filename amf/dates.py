"""Dates as Thai and English readers write them: Buddhist Era in Thai, Common Era in English.

Django's Thai locale and Babel both print Common-Era years, so the year is added here;
Babel supplies the month names. Pages, feeds, PDFs and the admin all format through this.
"""

from datetime import date

from babel.dates import format_date as babel_format_date
from django.utils.translation import get_language

BUDDHIST_ERA_OFFSET = 543


def _language(language: str | None) -> str:
    return "th" if (language or get_language() or "th").startswith("th") else "en"


def year(value: date, *, language: str | None = None) -> int:
    """The year of `value` in the era the language counts in (2019 → 2562 in Thai)."""
    return value.year + BUDDHIST_ERA_OFFSET if _language(language) == "th" else value.year


def _day_month(value: date, language: str) -> str:
    return babel_format_date(value, "d MMMM", locale=language)


def format_date(value: date, *, language: str | None = None) -> str:
    """Format a date in full: "26 สิงหาคม 2562" or "26 August 2019"."""
    language = _language(language)
    return f"{_day_month(value, language)} {year(value, language=language)}"


def format_date_range(
    start: date, end: date, *, language: str | None = None, spaced: bool = False
) -> str:
    """Format a span of days, naming a shared month and year once.

    "26–28 สิงหาคม 2562", "30 August – 2 September 2019"; `spaced` puts spaces around the
    dash in every case, as Thai official documents write "26 – 28 สิงหาคม 2562".
    """
    language = _language(language)
    if start == end:
        return format_date(start, language=language)
    if start.year != end.year:
        first = format_date(start, language=language)
    elif start.month != end.month:
        first = _day_month(start, language)
    else:
        first = str(start.day)
    dash = " – " if spaced or start.month != end.month or start.year != end.year else "–"
    return f"{first}{dash}{format_date(end, language=language)}"
