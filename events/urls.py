from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("preview/<int:pk>/", views.preview_event, name="preview"),
    path("<slug:slug>/", views.event_detail, name="detail"),
]
