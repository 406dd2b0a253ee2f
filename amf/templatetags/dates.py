import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html

from amf import dates

register = template.Library()


@register.filter
def long_date(value):
    """Format a date in full in the active language's era ("26 สิงหาคม 2562")."""
    return dates.format_date(value) if value else ""


@register.simple_tag
def date_range(start, end, spaced=False):
    """Format a span of days in the active language's era ("26–28 สิงหาคม 2562"), kept on
    one line: a range split at its dash reads as two dates."""
    return format_html(
        '<span class="nobr">{}</span>', dates.format_date_range(start, end, spaced=spaced)
    )


@register.filter
def whole_date(value):
    """A date (or a moment, on its local day) in full, kept on one line: "2 ธันวาคม 2569"."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return format_html('<span class="nobr">{}</span>', dates.format_date(value))
