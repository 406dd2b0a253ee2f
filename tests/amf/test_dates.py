from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from amf.dates import format_date, format_date_range, year


def test_thai_dates_count_years_in_the_buddhist_era():
    assert year(date(2019, 8, 26), language="th") == 2562
    assert year(date(2019, 8, 26), language="en") == 2019


@pytest.mark.parametrize(
    ("language", "expected"),
    [("th", "26 สิงหาคม 2562"), ("en", "26 August 2019")],
)
def test_a_date_is_written_in_full_with_the_month_name(language, expected):
    assert format_date(date(2019, 8, 26), language=language) == expected


@pytest.mark.parametrize(
    ("start", "end", "language", "expected"),
    [
        (date(2019, 8, 26), date(2019, 8, 28), "th", "26–28 สิงหาคม 2562"),
        (date(2019, 8, 26), date(2019, 8, 28), "en", "26–28 August 2019"),
        (date(2019, 8, 30), date(2019, 9, 2), "th", "30 สิงหาคม – 2 กันยายน 2562"),
        (date(2019, 8, 30), date(2019, 9, 2), "en", "30 August – 2 September 2019"),
        (date(2019, 12, 30), date(2020, 1, 2), "th", "30 ธันวาคม 2562 – 2 มกราคม 2563"),
        (date(2019, 12, 30), date(2020, 1, 2), "en", "30 December 2019 – 2 January 2020"),
        (date(2019, 10, 15), date(2019, 10, 15), "th", "15 ตุลาคม 2562"),
    ],
)
def test_a_range_names_a_shared_month_and_year_once(start, end, language, expected):
    assert format_date_range(start, end, language=language) == expected


def test_the_official_style_spaces_the_dash_as_the_bulletin_does():
    formatted = format_date_range(date(2019, 8, 26), date(2019, 8, 28), language="th", spaced=True)

    assert formatted == "26 – 28 สิงหาคม 2562"


def test_the_active_language_is_used_when_none_is_given():
    with translation.override("en"):
        english = format_date(date(2019, 8, 26))
    with translation.override("th"):
        thai = format_date(date(2019, 8, 26))

    assert (thai, english) == ("26 สิงหาคม 2562", "26 August 2019")


def test_templates_format_dates_through_the_same_helper():
    template = Template(
        "{% load dates %}{{ day|long_date }} / {% date_range start end %}"
        " / {% date_range start end spaced=True %}"
    )
    context = Context(
        {"day": date(2019, 8, 26), "start": date(2019, 8, 26), "end": date(2019, 8, 28)}
    )

    with translation.override("th"):
        rendered = template.render(context)

    # A range is kept on one line: split at its dash it would read as two dates.
    assert rendered == (
        '26 สิงหาคม 2562 / <span class="nobr">26–28 สิงหาคม 2562</span>'
        ' / <span class="nobr">26 – 28 สิงหาคม 2562</span>'
    )
