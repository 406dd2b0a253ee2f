"""Buddhist-Era years in the Thai admin: shown in every date, accepted in every date input.

Django formats and parses dates in the Common Era whatever the language. The Thai admin
counts years as Thai readers do (2562 = 2019), while the English admin, the public pages'
own formatting (amf/dates.py) and everything outside the admin keep theirs. So, only while
Django serves an admin view in Thai (`BuddhistEraAdminMiddleware`):

- the `Y` and `y` of Django's date formats give the Buddhist-Era year: lists, read-only
  fields, history pages, date drill-downs ("สิงหาคม 2562") and the `date` filter;
- the admin's date inputs show 26/08/2562;
- date and date-time fields read a year of 2400 or more as Buddhist Era (26/08/2562 is
  26 August 2019) and a smaller one as Common Era (26/08/2019 is the same day), since no
  Common-Era date the office records reaches 2400 and no Buddhist-Era one falls below it
  (2400 BE is 1857 CE); two digits are the end of a Buddhist-Era year, as Thai writes
  them (26/08/62).
  Thai month names are understood: "26 สิงหาคม 2562", "26 ส.ค. 2562".

The calendar popup does the same in the browser (static/js/admin-buddhist-era.js).
"""

import contextvars
import datetime as dt
import re
from contextlib import contextmanager

from django import forms
from django.contrib.admin.widgets import BaseAdminDateWidget
from django.forms import fields
from django.utils import dateformat, formats
from django.utils.translation import get_language

from amf.dates import BUDDHIST_ERA_OFFSET

# A year typed at or above this is Buddhist Era.
BUDDHIST_ERA_FROM = 2400

THAI_MONTHS = [
    ("มกราคม", "ม.ค."),
    ("กุมภาพันธ์", "ก.พ."),
    ("มีนาคม", "มี.ค."),
    ("เมษายน", "เม.ย."),
    ("พฤษภาคม", "พ.ค."),
    ("มิถุนายน", "มิ.ย."),
    ("กรกฎาคม", "ก.ค."),
    ("สิงหาคม", "ส.ค."),
    ("กันยายน", "ก.ย."),
    ("ตุลาคม", "ต.ค."),
    ("พฤศจิกายน", "พ.ย."),
    ("ธันวาคม", "ธ.ค."),
]
THAI_MONTH_NUMBER = {
    name: number for number, names in enumerate(THAI_MONTHS, start=1) for name in names
}
THAI_MONTH = re.compile("|".join(sorted(map(re.escape, THAI_MONTH_NUMBER), key=len, reverse=True)))

_in_admin = contextvars.ContextVar("amf_in_admin", default=False)


def is_active() -> bool:
    """Whether dates are being shown and read in the Buddhist Era now."""
    return _in_admin.get() and (get_language() or "").startswith("th")


@contextmanager
def admin_dates():
    """Show and read dates as the admin does (Buddhist Era when Thai is active)."""
    token = _in_admin.set(True)
    try:
        yield
    finally:
        _in_admin.reset(token)


class BuddhistEraAdminMiddleware:
    """Mark the handling of admin views, so their dates count in the Thai era."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _in_admin.set(False)
        try:
            return self.get_response(request)
        finally:
            _in_admin.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and "admin" in match.namespaces:
            _in_admin.set(True)


class BuddhistEraDateFormat(dateformat.DateFormat):
    """Django's date formatting, with Buddhist-Era years while they are active."""

    def y(self):
        return f"{self._era_year() % 100:02}"

    def Y(self):
        return self._era_year()

    def _era_year(self) -> int:
        year = self.data.year
        return year + BUDDHIST_ERA_OFFSET if is_active() else year


def admin_date_value(value, format_key: str, format_: str | None):
    """The text a Thai admin date input shows for `value`: 26/08/2562."""
    if not isinstance(value, dt.date) or not is_active():
        return None
    pattern = format_ or formats.get_format(format_key)[0]
    year = value.year + BUDDHIST_ERA_OFFSET
    pattern = pattern.replace("%Y", str(year)).replace("%y", f"{year % 100:02}")
    return value.strftime(pattern)


class DateTimeTextInput(forms.DateTimeInput):
    """One box for a date and a time, "26/08/2562 09:30" in the Thai admin and
    "2019-08-26 09:30" in English: compact for tables (a programme's sessions), and in the
    era the admin reads (a browser's own date-time box would show the Common Era)."""

    THAI = "%d/%m/%Y %H:%M"
    ENGLISH = "%Y-%m-%d %H:%M"

    def __init__(self, attrs=None):
        super().__init__({"size": 16, "class": "vDateTimeTextField", **(attrs or {})})

    def format_value(self, value):
        if not isinstance(value, dt.datetime):
            return super().format_value(value)
        if (get_language() or "").startswith("th"):
            shown = admin_date_value(value, "DATETIME_INPUT_FORMATS", self.THAI)
            return shown if shown is not None else value.strftime(self.THAI)
        return value.strftime(self.ENGLISH)


def era_strptime(value: str, format_: str) -> dt.datetime:
    """Parse as datetime.strptime does, reading Buddhist-Era and Thai-written dates."""
    if "%b" in format_ or "%B" in format_:
        value = THAI_MONTH.sub(lambda m: str(THAI_MONTH_NUMBER[m[0]]), value)
        format_ = format_.replace("%b", "%m").replace("%B", "%m")
    try:
        parsed = dt.datetime.strptime(value, format_)
        year = parsed.year
    except ValueError:
        if "%Y" not in format_:
            raise
        # Two digits are the end of a Buddhist-Era year, as Thai writes them (62 → 2562).
        parsed = dt.datetime.strptime(value, format_.replace("%Y", "%y"))
        year = 2500 + parsed.year % 100
    if year >= BUDDHIST_ERA_FROM:
        year -= BUDDHIST_ERA_OFFSET
    return parsed.replace(year=year)


def install() -> None:
    """Put the era-aware formatting and parsing in place (idempotent; from AmfConfig.ready)."""
    if getattr(dateformat, "_amf_buddhist_era", False):
        return
    dateformat.DateFormat = BuddhistEraDateFormat
    dateformat._amf_buddhist_era = True

    original_format_value = BaseAdminDateWidget.format_value

    def format_value(self, value):
        shown = admin_date_value(value, self.format_key, self.format)
        return shown if shown is not None else original_format_value(self, value)

    # The admin's date inputs, alone and as the date half of a date-time.
    BaseAdminDateWidget.format_value = format_value

    date_strptime = fields.DateField.strptime
    datetime_strptime = fields.DateTimeField.strptime

    def read_date(self, value, format):
        if not is_active():
            return date_strptime(self, value, format)
        return era_strptime(value, format).date()

    def read_datetime(self, value, format):
        if not is_active():
            return datetime_strptime(self, value, format)
        return era_strptime(value, format)

    fields.DateField.strptime = read_date
    fields.DateTimeField.strptime = read_datetime
