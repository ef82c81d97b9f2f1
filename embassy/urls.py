from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from photos.views import editor_upload
from sections.views_editor import markdown_preview

urlpatterns = [
    path("admin/", admin.site.urls),
    # The markdownx editor posts to these addresses (its defaults); our own views answer them,
    # behind staff login, so that nobody else can render or upload through the editor.
    path("markdownx/markdownify/", markdown_preview, name="markdownx_markdownify"),
    path("markdownx/upload/", editor_upload, name="markdownx_upload"),
    path("events/", include("events.urls")),
    # Before the pages: a page's address is /<slug>/, so fixed addresses must be matched first.
    path("", include("photos.urls")),
    path("", include("sections.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
