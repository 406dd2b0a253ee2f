"""The public home page, under each language's prefix."""

from django.urls import path

from events.views import HomeView

app_name = "events"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
]
