"""Sections the reports app contributes to other apps' public pages."""

from django import template

from reports.models import Bulletin

register = template.Library()

# What a link to a bulletin needs: its number and its title in both languages.
LINK_FIELDS = ["id", "title_th", "title_en", "published_at"]


@register.inclusion_tag("reports/includes/forum_bulletins.html")
def forum_bulletins(forum):
    """List the published bulletins about `forum`, linked to their pages (one query)."""
    bulletins = Bulletin.objects.published().filter(forum=forum).for_listing()
    return {"bulletins": list(bulletins.select_related(None).only(*LINK_FIELDS))}
