"""The site's URLs plus the media files, for browser tests against a live server.

The project serves media only when DEBUG is on, from the MEDIA_ROOT of start-up; tests
write media into a fresh folder per test, so this serves whatever MEDIA_ROOT is now.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from embassy.urls import urlpatterns as site_urlpatterns


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", serve_media), *site_urlpatterns]
