from django.urls import path

from . import views

app_name = "photos"

urlpatterns = [
    path("photos/preview/<int:pk>/", views.preview_photo, name="preview"),
    path("photos/<int:pk>/image/", views.inline_image, name="inline_image"),
]
