from django import template
from django.utils.safestring import mark_safe

from amf.richtext import sanitize_html
from amf.thai_text import break_thai_html

register = template.Library()


@register.filter
def rich(value):
    """Render stored rich text, sanitised once more on the way out, Thai wrapping between
    words (amf/thai_text.py)."""
    return break_thai_html(mark_safe(sanitize_html(value)))
