"""The markdownx editor's preview answers only logged-in staff, with sanitised HTML."""

import pytest

pytestmark = pytest.mark.django_db

PREVIEW = "/markdownx/markdownify/"


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
