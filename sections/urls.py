from django.urls import path

from . import views

app_name = "sections"

urlpatterns = [
    path("", views.home, name="home"),
    path("contact/", views.contact, name="contact"),
    path("photo-credits/", views.photo_credits, name="photo_credits"),
    path("preview/section/<int:pk>/", views.preview_section, name="preview_section"),
    path("share/<str:token>/", views.shared_page, name="shared_page"),
    path("<slug:slug>/", views.page_detail, name="page"),
    path("<slug:page_slug>/<slug:slug>/", views.section_detail, name="section"),
]
