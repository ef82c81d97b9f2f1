"""The photograph chooser: the library searched with thumbnails, in pages, and an upload in place."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from photos.admin import CHOOSER_PAGE_SIZE
from photos.models import Photo
from publishing.models import Status
from tests.factories import jpeg_bytes, make_page, make_photo, make_section
from tests.html import parse, text_of

from .files import html_named_jpg, upload

pytestmark = pytest.mark.django_db

CHOOSER = reverse("admin:photos_photo_chooser")
UPLOAD = reverse("admin:photos_photo_chooser_upload")


def refused(response):
    assert response.status_code == 400, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def picked(response):
    return [button["data-photo-label"] for button in parse(response).select(".photo-chooser-pick")]


def test_chooser_searches_by_caption_and_credit_with_thumbnails(staff_client):
    obama = make_photo(caption="Aso and Obama", credit="Photo: Cabinet Public Relations Office")
    make_photo(caption="Signing", credit="Bettmann/CORBIS")
    assert picked(staff_client.get(CHOOSER, {"q": "obama"})) == ["Aso and Obama"]
    response = staff_client.get(CHOOSER, {"q": "corbis"})
    assert picked(response) == ["Signing"]
    assert "1 photograph match “corbis”" in text_of(parse(response).select_one(".photo-chooser-count"))
    image = parse(staff_client.get(CHOOSER)).select_one(f"[data-photo-id='{obama.pk}'] img")
    assert image["src"] == obama.picture.thumbnail_url and image["src"] != obama.image.url


def test_chooser_shows_one_page_at_a_time(staff_client):
    for number in range(CHOOSER_PAGE_SIZE + 1):
        make_photo(caption=f"Photograph {number:02d}")
    first = parse(staff_client.get(CHOOSER))
    assert len(first.select(".photo-chooser-pick")) == CHOOSER_PAGE_SIZE
    assert "page 1 of 2" in text_of(first.select_one(".photo-chooser-count"))
    assert len(picked(staff_client.get(CHOOSER, {"page": "2"}))) == 1
    assert len(picked(staff_client.get(CHOOSER, {"page": "999"}))) == 1  # the last page, not an error
    assert len(picked(staff_client.get(CHOOSER, {"page": "x"}))) == CHOOSER_PAGE_SIZE


def test_chooser_escapes_captions(staff_client):
    make_photo(caption='<img src=x onerror="alert(1)">')
    response = staff_client.get(CHOOSER)
    assert b'<img src=x onerror="alert(1)">' not in response.content
    assert picked(response) == ['<img src=x onerror="alert(1)">']


def test_chooser_is_for_staff_only(client, visitor):
    make_photo(caption="Aso and Obama")
    response = visitor.get(CHOOSER)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert visitor.post(UPLOAD, {}).status_code == 302
    assert Photo.objects.count() == 1


def test_an_editor_uploads_from_the_chooser_and_gets_a_draft(editor_client, editor):
    response = editor_client.post(UPLOAD, {
        "image": upload("summit.jpg", jpeg_bytes((1200, 800))), "caption": "Leaders at the summit",
        "credit": "Photo: Cabinet Public Relations Office", "alt_text": "Two leaders shake hands",
    })  # fmt: skip
    assert response.status_code == 201
    photo = Photo.objects.get()
    assert response.json() == {"id": photo.pk, "label": "Leaders at the summit",
                               "thumbnail": photo.picture.thumbnail_url, "status": "Draft"}  # fmt: skip
    assert photo.status == Status.DRAFT and photo.uploaded_by == editor
    assert photo.original_filename == "summit.jpg" and photo.renditions


def test_a_refused_upload_answers_the_form_with_its_errors_and_keeps_the_file(staff_client):
    response = staff_client.post(UPLOAD, {"image": upload("summit.jpg", jpeg_bytes((1200, 800))), "caption": ""})
    html = refused(response)
    assert "This field is required" in text_of(html.select_one(".field-caption .errorlist"))
    token = html.select_one("input[name=image_kept]")["value"]
    assert "summit.jpg" in text_of(html.select_one(".kept-upload"))
    response = staff_client.post(UPLOAD, {"image_kept": token, "caption": "Leaders at the summit"})
    assert response.status_code == 201
    assert Photo.objects.get().original_filename == "summit.jpg"


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_stored(staff_client, isolated_media):
    response = staff_client.post(UPLOAD, {"image": html_named_jpg(), "caption": "Summit"})
    assert refused(response).select_one(".field-image .errorlist")
    assert not Photo.objects.exists()
    assert not [path for path in isolated_media.rglob("*") if path.is_file()]


def test_chooser_upload_needs_a_post_and_permission(staff_client, django_user_model):
    assert staff_client.get(UPLOAD).status_code == 405
    assert staff_client.post(CHOOSER).status_code == 405


def test_placement_rows_open_the_chooser_instead_of_pop_up_windows(staff_client):
    section = make_section(make_page(), title="Summit")
    html = parse(staff_client.get(reverse("admin:sections_section_change", args=[section.pk])))
    assert html.select_one("#photo-chooser")["data-url"] == CHOOSER
    assert html.select(".photo-chooser-open")  # on the empty row the "Add another" copies
    assert not html.select("#add_id_photo_placements-__prefix__-photo, .related-widget-wrapper-link")
