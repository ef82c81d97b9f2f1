from django.urls import path

from . import views

app_name = "contentops"

urlpatterns = [
    path("<slug:slug>.md", views.page_markdown_download, name="page_markdown"),
]
