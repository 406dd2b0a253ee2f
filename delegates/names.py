"""How Thai and English names are written and searched."""

from functools import reduce
from operator import or_

from django.db.models import Q

# Thai civilian titles are written joined to the given name ("นายเปียร์กา"); ranks,
# academic and other titles stand apart ("พลตำรวจเอก อัศวิน", "ดร. เบอร์นาเดีย").
JOINED_THAI_TITLES = ("นางสาว", "นาย", "นาง", "เด็กชาย", "เด็กหญิง")

# Longest first, so that "นางสาว" is stripped whole rather than as "นาง".
SEARCH_PREFIXES = tuple(
    sorted({*JOINED_THAI_TITLES, "ดร.", "ศ.", "รศ.", "ผศ."}, key=len, reverse=True)
)


def is_thai_script(text: str) -> bool:
    """Tell whether `text` begins with a letter of the Thai script."""
    return bool(text) and "\u0e00" <= text[0] <= "\u0e7f"


def full_name(honorific: str, first_name: str, last_name: str, *, thai: bool) -> str:
    """Join honorific and names the way the language writes them."""
    name = " ".join(part for part in (first_name, last_name) if part)
    if not honorific:
        return name
    # A name shown in English may still be the Thai one (the English is missing and the
    # Thai falls back), and a Thai name keeps its joined title whatever the page language.
    if honorific in JOINED_THAI_TITLES and (thai or is_thai_script(first_name)):
        return f"{honorific}{name}"
    return f"{honorific} {name}"


def search_terms(query: str) -> list[list[str]]:
    """Split a query into terms, each with the spellings that may match it.

    A Thai title written joined to a name ("นางอาร์มิดา") also matches the bare name.
    """
    terms = []
    for word in query.split():
        variants = [word]
        for prefix in SEARCH_PREFIXES:
            if word.startswith(prefix) and len(word) > len(prefix):
                variants.append(word[len(prefix) :])
                break
        terms.append(variants)
    return terms


def name_search_q(query: str, fields: list[str]) -> Q:
    """A filter requiring every term of `query` to appear in one of `fields`."""
    condition = Q()
    for variants in search_terms(query):
        condition &= reduce(
            or_, (Q(**{f"{field}__icontains": word}) for field in fields for word in variants)
        )
    return condition
