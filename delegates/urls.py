"""The delegates' public site, under each language's prefix (/th/…, /en/…)."""

from django.urls import path

from delegates.views import exports
from delegates.views.forum import ForumDetailView
from delegates.views.photos import speaker_photo
from delegates.views.programme import MyProgrammeView, ProgrammeView, SessionDetailView
from delegates.views.speakers import SpeakerDetailView, SpeakerListView

app_name = "delegates"

urlpatterns = [
    path("forums/<slug:slug>/", ForumDetailView.as_view(), name="forum"),
    path("forums/<slug:slug>/programme/", ProgrammeView.as_view(), name="programme"),
    path("forums/<slug:slug>/programme/mine/", MyProgrammeView.as_view(), name="my_programme"),
    path("forums/<slug:slug>/programme.ics", exports.programme_ics, name="programme_ics"),
    path("forums/<slug:slug>/programme.json", exports.programme_json, name="programme_json"),
    path("forums/<slug:slug>/programme.pdf", exports.programme_pdf, name="programme_pdf"),
    path("forums/<slug:slug>/sessions/<int:pk>/", SessionDetailView.as_view(), name="session"),
    path("forums/<slug:slug>/sessions/<int:pk>.ics", exports.session_ics, name="session_ics"),
    path("forums/<slug:slug>/speakers/", SpeakerListView.as_view(), name="speakers"),
    path("forums/<slug:slug>/speakers/<int:pk>/", SpeakerDetailView.as_view(), name="speaker"),
    path("forums/<slug:slug>/speakers/<int:pk>/photo", speaker_photo, name="speaker_photo"),
]
