"""The markdownx editor's upload takes photographs from logged-in staff only, as drafts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from photos.models import Photo
from tests.factories import jpeg_bytes

pytestmark = pytest.mark.django_db

UPLOAD = "/markdownx/upload/"


def test_upload_refuses_anonymous_and_stores_nothing(client, isolated_media):
    upload = SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg")
    assert client.post(UPLOAD, {"image": upload}).status_code == 403
    assert not Photo.objects.exists()
    assert list(isolated_media.rglob("*.*")) == []


def test_upload_by_staff_creates_a_draft_photograph(staff_client):
    upload = SimpleUploadedFile("phone.jpg", jpeg_bytes((100, 80)), content_type="image/jpeg")
    response = staff_client.post(UPLOAD, {"image": upload}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200
    photo = Photo.objects.get()
    assert photo.status == "draft" and photo.original_filename == "phone.jpg"
    # The text links the photograph's inline address, which leads to its large rendition while it may be shown.
    assert response.json()["image_code"] == f"![](/photos/{photo.pk}/image/)"
    inline = staff_client.get(f"/photos/{photo.pk}/image/")
    assert inline.status_code == 302 and inline["Location"] == photo.picture.large_url != photo.image.url


def test_upload_of_html_named_gif_is_refused_and_leaves_no_file(staff_client, isolated_media):
    upload = SimpleUploadedFile("evil.gif", b"<html><script>alert(1)</script></html>", content_type="image/gif")
    response = staff_client.post(UPLOAD, {"image": upload})
    assert response.status_code == 400
    assert "not a JPEG, PNG, WebP, GIF or HEIC image" in response.json()["image"][0]
    assert not Photo.objects.exists()
    assert list(isolated_media.rglob("*.*")) == []
