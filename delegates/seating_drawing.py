"""A seating plan as a picture: an SVG drawn on the server, for the admin page and the PDF.

The plan is drawn as the audience sees it: the head table at the top, facing the rows,
seat 1 of each at the left. Names are written in the language asked for (Thai names in
Thai, English in English), falling back to the other language where one is missing.
"""

import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import override

from delegates.models import Seat, SeatingPlan
from delegates.names import full_name
from delegates.seating import HEAD_TABLE

SEAT_WIDTH, SEAT_HEIGHT, GAP = 132, 78, 8
ROW_GAP, MARGIN, LABEL = 18, 16, 70
# Letters a name line holds at the seat's width before it is cut short (Thai vowel and tone
# marks above and below a letter take no room of their own).
LINE_CHARS = 16


@dataclass(frozen=True)
class SeatLabel:
    """What a seat shows: its place, and its occupant's name in one language."""

    row: int
    position: int
    label: str
    # The seat's id, which the admin page's drag and drop sends to swap two seats.
    pk: int | None = None
    honorific: str = ""
    given: str = ""
    family: str = ""
    delegation: str = ""
    country: str = ""
    precedence: int | None = None
    # The whole name as the language writes it ("นายเปียร์กา ตาปิโอลา").
    name: str = ""

    @property
    def empty(self) -> bool:
        return not self.given


def name_parts(person, language: str) -> tuple[str, str, str]:
    """Honorific, given and family name in `language`, or in the other one if not recorded."""
    for lang in (language, "en" if language == "th" else "th"):
        given = getattr(person, f"first_name_{lang}")
        if given:
            return (
                getattr(person, f"honorific_{lang}"),
                given,
                getattr(person, f"last_name_{lang}"),
            )
    return "", person.first_name, person.last_name


def written_name(person, language: str) -> str:
    """The person's full name as `language` writes it (a Thai title joined to the name)."""
    honorific, given, family = name_parts(person, language)
    return full_name(honorific, given, family, thai=language == "th")


def seat_labels(plan: SeatingPlan, language: str) -> list[SeatLabel]:
    """Every seat of `plan` in plan order, with what it shows in `language`; one query."""
    labels = []
    with override(language):
        for seat in Seat.objects.filter(plan=plan).with_people().in_plan_order():
            participation = seat.participation
            if participation is None:
                labels.append(SeatLabel(seat.row, seat.position, seat.label, pk=seat.pk))
                continue
            person = participation.person
            honorific, given, family = name_parts(person, language)
            delegation = participation.delegation or person.organisation
            country = participation.find_listed_country()
            labels.append(
                SeatLabel(
                    seat.row,
                    seat.position,
                    seat.label,
                    pk=seat.pk,
                    honorific=honorific,
                    given=given,
                    family=family,
                    delegation=(delegation.acronym or delegation.name) if delegation else "",
                    country=country.name if country else "",
                    precedence=participation.precedence,
                    name=full_name(honorific, given, family, thai=language == "th"),
                )
            )
    return labels


def _cut(text: str, chars: int = LINE_CHARS) -> str:
    """`text`, cut short with an ellipsis where it would overflow a seat's `chars` letters."""
    width = 0
    for index, char in enumerate(text):
        width += not unicodedata.combining(char) and unicodedata.category(char) != "Mn"
        if width > chars:
            return text[:index].rstrip() + "…"
    return text


# Presentation attributes rather than a stylesheet: the admin's Content Security Policy
# refuses inline styles, and WeasyPrint reads attributes as a browser does.
FONT = "Sarabun, 'TH Sarabun New', sans-serif"
TEXT = {
    "n": 'font-size="13" font-weight="700" fill="#1b1b1b"',
    "h": 'font-size="11" fill="#1b1b1b"',
    "d": 'font-size="10" fill="#555555"',
    "no": 'font-size="9" fill="#777777"',
    "row-label": 'font-size="12" font-weight="700" fill="#1b1b1b"',
    "aisle": 'font-size="11" fill="#777777" text-anchor="middle"',
}
BOX = {
    "seat": 'fill="#ffffff" stroke="#6b6b6b" stroke-width="1"',
    "head": 'fill="#fbf3e4" stroke="#8a5a00" stroke-width="1.5"',
    "empty": 'fill="#f4f4f4" stroke="#bbbbbb" stroke-width="1" stroke-dasharray="4 3"',
}


def _text(x: float, y: float, text: str, kind: str) -> str:
    return f'<text x="{x:.0f}" y="{y:.0f}" {TEXT[kind]}>{escape(text)}</text>'


def plan_svg(plan: SeatingPlan, labels: list[SeatLabel], *, language: str) -> str:
    """The plan as an SVG element (markup safe to place in a page: every text is escaped)."""
    rows: dict[int, list[SeatLabel]] = {}
    for label in labels:
        rows.setdefault(label.row, []).append(label)
    widest = max((len(seats) for seats in rows.values()), default=1)
    width = LABEL + widest * (SEAT_WIDTH + GAP) + MARGIN * 2
    parts = []
    y = MARGIN
    front = min((row for row in rows if row != HEAD_TABLE), default=None)
    with override(language):
        for row, seats in sorted(rows.items()):
            if row == front and HEAD_TABLE in rows:
                # Between the head table and the hall: which way the people face.
                parts.append(_text(width / 2, y + 14, _("↑ facing the head table ↑"), "aisle"))
                y += 28
            span = len(seats) * (SEAT_WIDTH + GAP) - GAP
            left = LABEL + MARGIN + (widest * (SEAT_WIDTH + GAP) - GAP - span) / 2
            caption = _("Head table") if row == HEAD_TABLE else _("Row %(row)d") % {"row": row}
            parts.append(_text(MARGIN, y + SEAT_HEIGHT / 2 + 4, caption, "row-label"))
            for index, seat in enumerate(seats):
                parts.append(_seat(left + index * (SEAT_WIDTH + GAP), y, seat, row == HEAD_TABLE))
            y += SEAT_HEIGHT + ROW_GAP
            if row == HEAD_TABLE:
                parts.append(
                    f'<rect x="{left - 4:.0f}" y="{y - ROW_GAP + 2:.0f}" width="{span + 8:.0f}" '
                    f'height="10" fill="#8a5a00"/>'
                )
                y += 12
        height = y + MARGIN
        title = _("Seating plan: %(session)s") % {"session": plan.session}
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" lang="{language}" '
        f'font-family="{FONT}" aria-label="{escape(title)}" class="seating-plan">'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )


def _seat(x: float, y: float, seat: SeatLabel, head: bool) -> str:
    box = BOX["empty"] if seat.empty else BOX["head" if head else "seat"]
    number = f"{seat.position}"
    out = [
        f'<g data-seat="{seat.pk}" data-row="{seat.row}" data-position="{seat.position}">',
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{SEAT_WIDTH}" height="{SEAT_HEIGHT}" rx="6" '
        f"{box}><title>{escape(seat.label)}</title></rect>",
        _text(x + SEAT_WIDTH - 6 - 5 * len(number), y + 11, number, "no"),
    ]
    if not seat.empty:
        line_y = y + 20
        for text, kind in ((seat.honorific, "h"), (seat.given, "n"), (seat.family, "n")):
            if text:
                out.append(_text(x + 7, line_y, _cut(text), kind))
                line_y += 15
        out.append(
            _text(x + 7, y + SEAT_HEIGHT - 7, _cut(seat.delegation or seat.country, 19), "d")
        )
    out.append("</g>")
    return "".join(out)
