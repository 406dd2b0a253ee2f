"""The public home page and the files of forums, under each language's prefix."""

from django.urls import path

from events.downloads import outcome_document_file, session_material_file
from events.views import HomeView

app_name = "events"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path(
        "forums/<slug:slug>/documents/<int:pk>/file",
        outcome_document_file,
        name="outcome_document_file",
    ),
    path(
        "forums/<slug:slug>/materials/<int:pk>/file",
        session_material_file,
        name="session_material_file",
    ),
]
