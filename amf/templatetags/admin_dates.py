from django import template

from amf import buddhist_era
from amf.dates import BUDDHIST_ERA_OFFSET

register = template.Library()


@register.filter
def era_year(title):
    """A year the admin wrote as a bare number ("2019" in a date drill-down), in the Thai
    admin's era ("2562"); any other text unchanged."""
    text = str(title)
    if text.isdigit() and len(text) == 4 and buddhist_era.is_active():
        return str(int(text) + BUDDHIST_ERA_OFFSET)
    return title
