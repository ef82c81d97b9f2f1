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


def store_then_crash(request):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    default_storage.save("uploads/half-done.txt", ContentFile(b"written before the failure"))
    raise RuntimeError("failed after writing a file")


def store_in_a_rolled_back_step(request):
    """A form that saved a photograph, then found a problem and rolled its savepoint back."""
    from django.db import transaction
    from django.http import HttpResponse

    from tests.factories import make_photo

    try:
        with transaction.atomic():
            make_photo(caption="Never kept")
            raise ValueError("a later check failed")
    except ValueError:
        pass
    return HttpResponse("form error shown")


def store_and_succeed(request):
    from django.http import HttpResponse

    from tests.factories import make_photo

    return HttpResponse(str(make_photo(caption="Kept").pk))


urlpatterns = [
    path("test-store-then-crash/", store_then_crash),
    path("test-store-rolled-back/", store_in_a_rolled_back_step),
    path("test-store-and-succeed/", store_and_succeed),
    *urlpatterns,
]
