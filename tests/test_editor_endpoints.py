"""The markdownx editor's preview and upload answer only logged-in staff."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from photos.models import Photo
from tests.factories import jpeg_bytes

pytestmark = pytest.mark.django_db

PREVIEW = "/markdownx/markdownify/"
UPLOAD = "/markdownx/upload/"


def test_preview_refuses_anonymous(client):
    assert client.post(PREVIEW, {"content": "*x*"}).status_code == 403


def test_preview_refuses_logged_in_non_staff(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="a-long-test-password"))
    assert client.post(PREVIEW, {"content": "*x*"}).status_code == 403


def test_preview_renders_sanitised_markdown_for_staff(staff_client):
    response = staff_client.post(PREVIEW, {"content": "*x* <script>alert(1)</script>"})
    assert response.status_code == 200
    assert response.content.decode() == "<p><em>x</em> </p>"


def test_preview_rejects_get(staff_client):
    assert staff_client.get(PREVIEW).status_code == 405


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
    assert "not a JPEG, PNG, WebP or GIF image" in response.json()["image"][0]
    assert not Photo.objects.exists()
    assert list(isolated_media.rglob("*.*")) == []


def test_preview_of_markdown_that_cannot_be_shown_answers_a_short_message(staff_client):
    response = staff_client.post(PREVIEW, {"content": "- " * 500 + "x"})
    assert response.status_code == 422
    assert response.content.decode() == (
        '<p class="markdown-refused">Line 1 is nested 500 lists or quotes deep; at most 20 are allowed.</p>'
    )
