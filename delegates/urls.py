"""The delegates' public site, under each language's prefix (/th/…, /en/…)."""

from django.urls import path

from delegates.views import exports
from delegates.views.delegate_page import DelegatePageView
from delegates.views.forum import ForumDetailView
from delegates.views.programme import MyProgrammeView, ProgrammeView, SessionDetailView
from delegates.views.register import RegistrationDoneView, RegistrationView
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
    path("forums/<slug:slug>/register/", RegistrationView.as_view(), name="register"),
    path(
        "forums/<slug:slug>/register/done/",
        RegistrationDoneView.as_view(),
        name="register_done",
    ),
    path("forums/<slug:slug>/speakers/", SpeakerListView.as_view(), name="speakers"),
    path("forums/<slug:slug>/speakers/<int:pk>/", SpeakerDetailView.as_view(), name="speaker"),
    # The delegate's own page behind their personal link (delegates.services.links).
    path("delegate/<str:token>/", DelegatePageView.as_view(), name="delegate_page"),
]
