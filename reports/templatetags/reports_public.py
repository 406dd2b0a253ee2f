"""Sections the reports app contributes to other apps' public pages."""

from django import template

from reports.models import Bulletin

register = template.Library()


@register.inclusion_tag("reports/includes/forum_bulletins.html")
def forum_bulletins(forum):
    """List the published bulletins about `forum` (one query)."""
    return {"bulletins": list(Bulletin.objects.published().filter(forum=forum))}
