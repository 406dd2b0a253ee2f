"""Feeds without a language prefix, for calendar apps and screens: `?lang=` picks the language."""

from django.urls import path

from delegates.views import exports

app_name = "feeds"

urlpatterns = [
    path("forums/<slug:slug>/programme.ics", exports.programme_ics, name="programme_ics"),
    path("forums/<slug:slug>/programme.json", exports.programme_json, name="programme_json"),
    path("forums/<slug:slug>/sessions/<int:pk>.ics", exports.session_ics, name="session_ics"),
]
