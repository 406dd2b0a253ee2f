"""What every public page and feed of a forum needs."""

from functools import wraps

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _

from events.models import Forum


def published_forum(slug: str) -> Forum:
    """The published forum with `slug` and its venue (1 query), or a 404."""
    return get_object_or_404(Forum.objects.published().select_related("venue", "series"), slug=slug)


class BadRequest(Exception):
    """Input a feed cannot serve; the message says what is wrong, in the visitor's language."""


def feed_language(request) -> str:
    """The language of a feed: `?lang=`, else the URL's prefix, else the site's default."""
    codes = [code for code, _name in settings.LANGUAGES]
    wanted = request.GET.get("lang")
    if wanted is not None:
        if wanted not in codes:
            raise BadRequest(
                _("There is no language “%(lang)s”; use one of: %(codes)s.")
                % {"lang": wanted, "codes": ", ".join(codes)}
            )
        return wanted
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def feed(view):
    """Run a feed view in its language; answer bad input with a 400 naming the problem."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            language = feed_language(request)
            with translation.override(language):
                return view(request, *args, language=language, **kwargs)
        except BadRequest as problem:
            return HttpResponseBadRequest(str(problem), content_type="text/plain; charset=utf-8")

    return wrapper


def session_ids(value: str | None) -> list[int] | None:
    """Parse `?sessions=3,5,8` into ids; None when absent. Raises BadRequest on anything else."""
    if value is None:
        return None
    parts = [part.strip() for part in value.split(",") if part.strip()]
    if not all(part.isdigit() and len(part) < 10 for part in parts):
        raise BadRequest(_("“sessions” must list session numbers separated by commas, e.g. 3,5,8."))
    return sorted({int(part) for part in parts})
