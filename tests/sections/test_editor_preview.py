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


def test_preview_of_markdown_that_cannot_be_shown_answers_a_short_message(staff_client):
    response = staff_client.post(PREVIEW, {"content": "- " * 500 + "x"})
    assert response.status_code == 422
    assert response.content.decode() == (
        '<p class="markdown-refused">Line 1 is nested 500 lists or quotes deep; at most 20 are allowed.</p>'
    )


def test_preview_carries_what_the_publish_gate_would_refuse_at_the_sections_level(staff_client):
    """A subsection's title is an h3: "###" in its text is refused, and the editor hears it while typing."""
    import json

    from tests.html import parse

    response = staff_client.post(PREVIEW + "?level=3", {"content": "### Key programmes"})
    holder = parse(response).select_one(".editor-gate")
    assert "“Key programmes” is level 3" in " ".join(json.loads(holder["data-problems"]))
    fine = staff_client.post(PREVIEW + "?level=3", {"content": "#### Key programmes"})
    assert parse(fine).select_one(".editor-gate") is None
    unknown = staff_client.post(PREVIEW + "?level=<script>", {"content": "# Top"})
    assert parse(unknown).select_one(".editor-gate") is None


def test_preview_draws_a_dropped_draft_photograph_as_its_figure(staff_client):
    from tests.factories import make_photo
    from tests.html import parse, text_of

    photo = make_photo(caption="The signing", credit="", alt_text="Ministers sign", status="draft")
    response = staff_client.post(PREVIEW, {"content": f"![](/photos/{photo.pk}/image/)"})
    soup = parse(response)
    assert soup.select_one("figure img")["alt"] == "Ministers sign"
    assert "The signing" in text_of(soup.select_one("figcaption"))
    assert "has no credit line" in soup.select_one(".editor-gate")["data-problems"]
