"""Who sits where: the diplomatic seating convention, as one pure function.

The convention AMF follows, for a head table facing rows of seats:

- The head table seats first whoever the session puts there (its chairs, moderators and
  speakers, and the forum's host); if staff set its size, the first in precedence fill it
  and the rest go to the rows, or, at a larger table, the first of the rows go up to it.
- No. 1 in protocol precedence sits in the centre: the host, or the guest of honour to whom
  the host gives the centre. No. 2 sits at No. 1's right, No. 3 at No. 1's left, No. 4 at
  No. 2's right, and so on, alternating outwards. The right meant is the seated person's
  own: seen from the audience, No. 2 is to the LEFT of the centre.
- At a table of an even number of seats the centre is the seat just right of the middle as
  the audience sees it, so that No. 1 and No. 2 share the middle of the table.
- The rows follow in precedence order, front to back, each row filled from its centre
  outwards the same way; people of equal precedence keep the order they are given in (AMF
  gives them in Thai name order).
- When there are more people than seats, the last in precedence are left without a seat,
  and named as such.

Seats are numbered from 1 at the audience's left, as the plan is drawn (seen from the hall,
the head table at the top). Row 0 is the head table; rows 1, 2, … count from the front.
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

HEAD_TABLE = 0


@dataclass(frozen=True)
class Guest:
    """Someone to seat: `key` identifies them (a participation's id)."""

    key: Hashable
    precedence: int
    # Whether their part in the session puts them at the head table.
    head_table: bool = False


@dataclass(frozen=True, order=True)
class Place:
    """A seat: `row` 0 is the head table, 1 the front row; `position` 1 at the audience's left."""

    row: int
    position: int


@dataclass
class Arrangement:
    """The seats (every one of them, empty ones holding None) and the people left without one."""

    seats: dict[Place, Hashable | None] = field(default_factory=dict)
    unseated: list[Hashable] = field(default_factory=list)

    def place_of(self, key: Hashable) -> Place | None:
        return next((place for place, held in self.seats.items() if held == key), None)


def centre_outwards(size: int) -> list[int]:
    """The positions of a table or row of `size` seats in the order they are filled.

    The centre first (right of the middle, as the audience sees it, for an even size), then
    alternately the seat at the centre's own right (the audience's left) and at its left.
    """
    centre = size // 2 + 1
    order = [centre]
    for step in range(1, size):
        for position in (centre - step, centre + step):
            if 1 <= position <= size:
                order.append(position)
    return order[:size]


def arrange(
    guests: Sequence[Guest],
    *,
    head_table_size: int | None,
    row_width: int,
    rows: int | None = None,
) -> Arrangement:
    """Seat `guests` by the convention above.

    `head_table_size` None seats exactly those whose part puts them at the head table.
    `rows` None adds as many rows as the guests need (and no empty one); a number is the
    hall's, and those who do not fit are `unseated`, in precedence order.
    """
    if row_width < 1:
        raise ValueError("A row has at least one seat.")
    # Stable: guests of equal rank keep the order they came in.
    ranked = sorted(guests, key=lambda guest: (not guest.head_table, guest.precedence))
    if head_table_size is None:
        head_table_size = sum(guest.head_table for guest in guests)
    at_table, rest = ranked[:head_table_size], ranked[head_table_size:]
    # The table itself seats by precedence alone: the session's part only chose who is at it.
    at_table.sort(key=lambda guest: guest.precedence)
    if rows is None:
        rows = -(-len(rest) // row_width)
    arrangement = Arrangement()
    order = centre_outwards(head_table_size)
    for position in range(1, head_table_size + 1):
        arrangement.seats[Place(HEAD_TABLE, position)] = None
    for position, guest in zip(order, at_table, strict=False):
        arrangement.seats[Place(HEAD_TABLE, position)] = guest.key
    row_order = centre_outwards(row_width)
    waiting = iter(rest)
    for row in range(1, rows + 1):
        for position in range(1, row_width + 1):
            arrangement.seats[Place(row, position)] = None
        for position, guest in zip(row_order, waiting, strict=False):
            arrangement.seats[Place(row, position)] = guest.key
    arrangement.unseated = [guest.key for guest in waiting]
    return arrangement
