from django import template

from delegates.admin.person import can_see_contact_details
from delegates.import_template import column_guide

register = template.Library()


@register.inclusion_tag("delegates/includes/import_columns.html", takes_context=True)
def import_columns(context):
    """The columns a delegate list may have, for the user importing it, and the templates."""
    user = context["request"].user
    return {"guide": column_guide(include_contacts=can_see_contact_details(user))}
