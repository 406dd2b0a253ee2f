from django import template

from amf.thai_text import break_thai_text, unbroken_words

register = template.Library()


@register.filter
def thai(value):
    """Plain text whose Thai wraps between words, not inside them (amf/thai_text.py)."""
    return break_thai_text(value) if value else ""


@register.filter
def name(value):
    """A person's name, each of its words kept whole: "ขวัญเมือง" never splits."""
    return unbroken_words(value) if value else ""
