"""Feeds without a language prefix, for calendar apps and screens: `?lang=` picks the language."""

from django.urls import include, path

from delegates.views import exports

app_name = "feeds"

urlpatterns = [
    path(
        "forums/<slug:slug>/",
        include(
            [
                path("programme.ics", exports.programme_ics, name="programme_ics"),
                path("programme.json", exports.programme_json, name="programme_json"),
                path("sessions/<int:pk>.ics", exports.session_ics, name="session_ics"),
            ]
        ),
    ),
]
