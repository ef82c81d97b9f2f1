from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("setup/", views.setup, name="setup"),
    path("setup/passkey-added/", views.passkey_added, name="passkey_added"),
    path("sessions/", views.sessions, name="sessions"),
]
