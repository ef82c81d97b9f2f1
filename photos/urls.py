from django.urls import path

from . import views

app_name = "photos"

urlpatterns = [
    path("preview/<int:pk>/", views.preview_photo, name="preview"),
]
