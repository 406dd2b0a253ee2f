"""The current page's address in another language, for the language switcher."""

from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context, language: str) -> str:
    """Return this page's URL (query string kept) in `language`."""
    request = context["request"]
    url = translate_url(request.get_full_path(), language)
    return url
