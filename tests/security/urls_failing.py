"""The project's URLs plus views that fail, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from embassy.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def crash(request):
    raise RuntimeError("secret internals: SECRET_KEY=abc")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("test-crash/", crash),
    path("test-forbidden/", forbidden),
    *urlpatterns,
]
