from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("<int:pk>/", views.notice_detail, name="detail"),
]
