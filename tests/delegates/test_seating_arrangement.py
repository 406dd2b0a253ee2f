"""The seating convention (delegates/seating.py): a pure function, tested without a database."""

import pytest

from delegates.seating import HEAD_TABLE, Guest, Place, arrange, centre_outwards


def guests(*precedences, head_table=()):
    """Guests keyed "p1", "p2"… in the order given, with these precedences."""
    return [
        Guest(key=f"p{number}", precedence=precedence, head_table=number in head_table)
        for number, precedence in enumerate(precedences, start=1)
    ]


def row_of(arrangement, row):
    """Who sits in `row`, from the audience's left to right (None for an empty seat)."""
    seats = sorted(place for place in arrangement.seats if place.row == row)
    return [arrangement.seats[place] for place in seats]


@pytest.mark.parametrize(
    ("size", "order"),
    [
        (1, [1]),
        (2, [2, 1]),
        (3, [2, 1, 3]),
        (4, [3, 2, 4, 1]),
        (5, [3, 2, 4, 1, 5]),
        (6, [4, 3, 5, 2, 6, 1]),
        (0, []),
    ],
)
def test_a_table_fills_from_the_centre_to_the_centres_right_then_left(size, order):
    assert centre_outwards(size) == order


def test_at_an_odd_head_table_no_1_sits_in_the_centre_and_no_2_at_their_right():
    arrangement = arrange(
        guests(1, 2, 3, 4, 5, head_table=range(1, 6)), head_table_size=None, row_width=4
    )

    # Seen from the audience: No. 4, No. 2, No. 1, No. 3, No. 5.
    assert row_of(arrangement, HEAD_TABLE) == ["p4", "p2", "p1", "p3", "p5"]
    assert arrangement.unseated == []


def test_at_an_even_head_table_no_1_and_no_2_share_the_middle():
    arrangement = arrange(
        guests(1, 2, 3, 4, head_table=range(1, 5)), head_table_size=None, row_width=4
    )

    assert row_of(arrangement, HEAD_TABLE) == ["p4", "p2", "p1", "p3"]


def test_the_rows_fill_front_to_back_each_from_its_centre_outwards():
    arrangement = arrange(guests(*range(1, 10)), head_table_size=0, row_width=4)

    assert row_of(arrangement, 1) == ["p4", "p2", "p1", "p3"]
    assert row_of(arrangement, 2) == ["p8", "p6", "p5", "p7"]
    # The last row, not full: its people sit in its centre.
    assert row_of(arrangement, 3) == [None, None, "p9", None]


def test_the_session_puts_its_speakers_at_the_head_table_and_precedence_seats_them():
    # p3 and p5 speak; p1 and p2 outrank them but sit in the front row.
    arrangement = arrange(
        guests(1, 2, 3, 4, 5, head_table={3, 5}), head_table_size=None, row_width=3
    )

    assert row_of(arrangement, HEAD_TABLE) == ["p5", "p3"]
    assert row_of(arrangement, 1) == ["p2", "p1", "p4"]


def test_a_head_table_larger_than_the_speakers_takes_the_next_in_precedence():
    arrangement = arrange(guests(1, 2, 3, 4, head_table={4}), head_table_size=3, row_width=3)

    # p4 speaks and is at the table, with the two first in precedence; p1 is in the centre.
    assert row_of(arrangement, HEAD_TABLE) == ["p2", "p1", "p4"]
    assert row_of(arrangement, 1) == [None, "p3", None]


def test_a_head_table_smaller_than_the_speakers_sends_the_last_in_precedence_to_the_front_row():
    arrangement = arrange(guests(3, 1, 2, head_table={1, 2, 3}), head_table_size=2, row_width=3)

    assert row_of(arrangement, HEAD_TABLE) == ["p3", "p2"]
    assert row_of(arrangement, 1) == [None, "p1", None]


def test_people_of_equal_precedence_keep_the_order_they_are_given_in():
    arrangement = arrange(guests(5, 5, 5, 1), head_table_size=0, row_width=4)

    # p4 first; then p1, p2, p3 as given (AMF gives them in Thai name order).
    assert row_of(arrangement, 1) == ["p3", "p1", "p4", "p2"]


def test_more_people_than_seats_leaves_the_last_in_precedence_without_a_seat():
    arrangement = arrange(
        guests(4, 1, 6, 2, 5, 3, head_table={2}), head_table_size=1, row_width=2, rows=2
    )

    assert row_of(arrangement, HEAD_TABLE) == ["p2"]
    assert row_of(arrangement, 1) == ["p6", "p4"]
    assert row_of(arrangement, 2) == ["p5", "p1"]
    assert arrangement.unseated == ["p3"]
    assert len(arrangement.seats) == 5


def test_a_hall_with_rows_to_spare_keeps_them_empty():
    arrangement = arrange(guests(1), head_table_size=0, row_width=3, rows=2)

    assert row_of(arrangement, 1) == [None, "p1", None]
    assert row_of(arrangement, 2) == [None, None, None]
    assert arrangement.place_of("p1") == Place(1, 2)


def test_nobody_to_seat_makes_an_empty_plan():
    arrangement = arrange([], head_table_size=None, row_width=5)

    assert arrangement.seats == {} and arrangement.unseated == []


def test_a_row_needs_a_seat():
    with pytest.raises(ValueError):
        arrange(guests(1), head_table_size=None, row_width=0)
