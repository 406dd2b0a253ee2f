from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from amf.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Calendar apps and screens keep one address whatever the language; ?lang= chooses it.
    path("", include("delegates.feed_urls")),
    # The public home in the visitor's language, chosen by LocaleMiddleware from the browser.
    path(
        "",
        RedirectView.as_view(
            pattern_name="events:home", permanent=False, http_method_names=["get", "head"]
        ),
        name="root",
    ),
]
# The public pages first: they take nearly all requests, and each pattern tried costs.
urlpatterns += i18n_patterns(
    path("", include("delegates.urls")),
    path("", include("events.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
)

# A database that does not answer gives the site's 503 page rather than a 500.
handler500 = "amf.views.server_error"
