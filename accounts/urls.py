from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("setup/", views.setup, name="setup"),
    path("sessions/", views.sessions, name="sessions"),
]
