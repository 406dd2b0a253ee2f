"""The ISO 3166-1 country list with Thai and English names, from pycountry and CLDR (babel)."""

from collections.abc import Iterator
from typing import NamedTuple

import pycountry
from babel import Locale

ASEAN_MEMBER_CODES = frozenset({"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"})


class CountryRow(NamedTuple):
    code: str
    code3: str
    name_th: str
    name_en: str
    is_asean_member: bool


def iso_countries() -> Iterator[CountryRow]:
    """Yield every ISO 3166-1 country; CLDR's English short names ("Vietnam") read best."""
    thai = Locale("th").territories
    english = Locale("en").territories
    for entry in pycountry.countries:
        code = entry.alpha_2
        name_en = english.get(code, entry.name)
        yield CountryRow(
            code=code,
            code3=entry.alpha_3,
            name_th=thai.get(code, name_en),
            name_en=name_en,
            is_asean_member=code in ASEAN_MEMBER_CODES,
        )


def official_names() -> dict[str, list[str]]:
    """Other English names ISO gives each country ("Viet Nam", "Lao People's…"), by code."""
    names = {}
    for entry in pycountry.countries:
        names[entry.alpha_2] = [
            name
            for name in (
                entry.name,
                getattr(entry, "official_name", ""),
                getattr(entry, "common_name", ""),
            )
            if name
        ]
    return names


def country_name_key(name: str) -> str:
    """How a country's name or code is compared: case, spacing and "ประเทศ" ignored."""
    key = " ".join(name.split()).casefold()
    return key.removeprefix("ประเทศ").strip()
