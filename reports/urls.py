from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.BulletinListView.as_view(), name="bulletin_list"),
    path("<int:pk>/", views.BulletinDetailView.as_view(), name="bulletin_detail"),
    path("<int:pk>/pdf/", views.bulletin_pdf_download, name="bulletin_pdf"),
    path("<int:pk>/feedback/", views.BulletinFeedbackView.as_view(), name="bulletin_feedback"),
]
