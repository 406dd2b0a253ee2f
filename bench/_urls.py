"""The site's URLs plus a trivial view to measure pages against, behind the same middleware."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from amf.urls import urlpatterns as site_urlpatterns


def trivial(request):
    """Answer at once: the cost of Django and gunicorn alone."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    *i18n_patterns(path("bench/trivial/", trivial, name="bench-trivial")),
    *site_urlpatterns,
]
