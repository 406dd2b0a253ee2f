"""The delegates' public site, under each language's prefix (/th/…, /en/…)."""

from django.urls import include, path

from delegates.views import exports
from delegates.views.delegate_page import DelegatePageView
from delegates.views.forum import ForumDetailView
from delegates.views.photos import speaker_photo
from delegates.views.programme import MyProgrammeView, ProgrammeView, SessionDetailView
from delegates.views.register import RegistrationDoneView, RegistrationView
from delegates.views.speakers import SpeakerDetailView, SpeakerListView

app_name = "delegates"

# One forum's pages, under its address: matched once, then among themselves.
forum_patterns = [
    path("", ForumDetailView.as_view(), name="forum"),
    path("programme/", ProgrammeView.as_view(), name="programme"),
    path("programme/mine/", MyProgrammeView.as_view(), name="my_programme"),
    path("programme.ics", exports.programme_ics, name="programme_ics"),
    path("programme.json", exports.programme_json, name="programme_json"),
    path("programme.pdf", exports.programme_pdf, name="programme_pdf"),
    path("sessions/<int:pk>/", SessionDetailView.as_view(), name="session"),
    path("sessions/<int:pk>.ics", exports.session_ics, name="session_ics"),
    path("register/", RegistrationView.as_view(), name="register"),
    path("register/done/", RegistrationDoneView.as_view(), name="register_done"),
    path("speakers/", SpeakerListView.as_view(), name="speakers"),
    path("speakers/<int:pk>/", SpeakerDetailView.as_view(), name="speaker"),
    path("speakers/<int:pk>/photo", speaker_photo, name="speaker_photo"),
]

urlpatterns = [
    path("forums/<slug:slug>/", include(forum_patterns)),
    # The delegate's own page behind their personal link (delegates.services.links).
    path("delegate/<str:token>/", DelegatePageView.as_view(), name="delegate_page"),
]
