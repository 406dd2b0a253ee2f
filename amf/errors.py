"""The site's own 404 and 500 pages in development too.

With DEBUG on, Django answers a missing page or a crash with its technical pages: English,
wide, and nothing like what visitors see. This middleware, active only with DEBUG on, shows
the site's own pages instead, in the visitor's language, and leaves the traceback in the
console log where the developer runs the server.
"""

import logging

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    MiddlewareNotUsed,
    PermissionDenied,
    SuspiciousOperation,
)
from django.http import Http404
from django.views import defaults

logger = logging.getLogger("django.request")


class SiteErrorPagesMiddleware:
    def __init__(self, get_response):
        if not settings.DEBUG:
            # Without DEBUG, Django already renders 404.html and 500.html.
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # An address no URL pattern matches never reaches a view, so process_exception does
        # not see it; Django has already answered with its technical page.
        if response.status_code == 404 and request.resolver_match is None:
            return defaults.page_not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return defaults.page_not_found(request, exception)
        if isinstance(exception, BadRequest | PermissionDenied | SuspiciousOperation):
            # Django renders these with the site's 400 and 403 handlers, DEBUG or not.
            return None
        logger.error("Internal Server Error: %s", request.path, exc_info=exception)
        return defaults.server_error(request)
