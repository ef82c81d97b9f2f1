from django.urls import path

from . import views

app_name = "sections"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:slug>/", views.page_detail, name="page"),
    path("<slug:page_slug>/<slug:slug>/", views.section_detail, name="section"),
]
