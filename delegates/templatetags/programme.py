"""Times and days as the public programme shows them, in the forum's own time zone."""

import datetime as dt

from babel.dates import format_date as babel_format_date
from django import template
from django.utils.translation import get_language

from amf.dates import format_date

register = template.Library()


@register.filter
def local_time(value: dt.datetime, forum) -> str:
    """The wall-clock time ("09:40") of `value` in the forum's time zone."""
    return value.astimezone(forum.zone).strftime("%H:%M") if value else ""


@register.filter
def local_iso(value: dt.datetime, forum) -> str:
    """`value` in ISO 8601 with the forum's UTC offset, for <time datetime>."""
    return value.astimezone(forum.zone).isoformat() if value else ""


@register.filter
def local_day(value: dt.datetime, forum) -> dt.date | None:
    """The date of `value` in the forum's time zone."""
    return value.astimezone(forum.zone).date() if value else None


@register.filter
def day_heading(value: dt.date) -> str:
    """A programme day as a heading: "วันจันทร์ 26 สิงหาคม 2562", "Monday 26 August 2019"."""
    if not value:
        return ""
    language = "th" if (get_language() or "th").startswith("th") else "en"
    weekday = babel_format_date(value, "EEEE", locale=language)
    return f"{weekday} {format_date(value, language=language)}"


@register.filter
def zone_label(forum) -> str:
    """The forum's time zone and its UTC offset on the first day: "Asia/Bangkok (UTC+07:00)"."""
    noon = dt.datetime.combine(forum.start_date, dt.time(12), tzinfo=forum.zone)
    offset = noon.strftime("%z")
    return f"{forum.time_zone} (UTC{offset[:3]}:{offset[3:]})"
