"""The current page's address in another language, for the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.encoding import escape_uri_path
from django.utils.translation import get_language_from_path

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context, language: str) -> str:
    """Return this page's URL (query string kept) in `language`.

    The query is the one the page understood: a cached page sets `request.GET` to its
    normalised parameters (events/pages.py), so its links never carry another visitor's.
    """
    request = context["request"]
    query = request.GET.urlencode(safe=",")
    path = escape_uri_path(request.path) + (f"?{query}" if query else "")
    url = translate_url(path, language)
    current = get_language_from_path(request.path_info)
    if url == path and current and current != language:
        # translate_url leaves addresses that resolve to nothing (a 404 page) alone; swapping
        # the prefix still gives the visitor the same page in the other language.
        url = f"/{language}{path[len(current) + 1 :]}"
    return url if language in dict(settings.LANGUAGES) else path
