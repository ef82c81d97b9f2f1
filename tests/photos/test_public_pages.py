"""Photographs on public pages: responsive, honest about rights, credited, and cheap to render."""

import datetime

import pytest
from django.utils import timezone
from PIL import Image

from publishing.models import Status
from tests.factories import make_event, make_page, make_photo, make_section, place_photo
from tests.html import parse, text_of
from tests.queries import count_render_queries

from .files import sized_jpeg

pytestmark = pytest.mark.django_db


def photo_of_size(size, **fields):
    from django.core.files.base import ContentFile

    from photos.forms import PhotoFileField
    from photos.models import Photo

    photo = Photo(
        caption=fields.pop("caption", "Leaders meet"),
        credit=fields.pop("credit", "Photo: Cabinet Public Relations Office"),
        alt_text=fields.pop("alt_text", "Two leaders shake hands"),
        status=fields.pop("status", Status.PUBLISHED),
        **fields,
    )
    photo.image = PhotoFileField().clean(ContentFile(sized_jpeg(size), name="p.jpg"))
    photo.save()
    return photo


def test_figure_offers_webp_and_jpeg_renditions_with_sizes_and_dimensions(client):
    page = make_page(slug="p")
    photo = photo_of_size((3000, 2000))
    place_photo(photo, section=make_section(page))
    figure = parse(client.get("/p/")).find("figure")
    webp = figure.find("source", type="image/webp")
    img = figure.img
    widths = [320, 640, 960, 1280, 1920]
    assert [entry.split()[1] for entry in webp["srcset"].split(", ")] == [f"{w}w" for w in widths]
    assert [entry.split()[1] for entry in img["srcset"].split(", ")] == [f"{w}w" for w in widths]
    assert all(entry.split()[0].endswith(".webp") for entry in webp["srcset"].split(", "))
    assert all(entry.split()[0].endswith(".jpg") for entry in img["srcset"].split(", "))
    assert webp["sizes"] == img["sizes"] and "44rem" in img["sizes"]
    assert (img["width"], img["height"]) == ("1920", "1280")
    assert img["src"].endswith("-960w.jpg")
    # Clicking the figure opens the large rendition, a plain link.
    assert figure.a["href"].endswith("-1920w.jpg") and figure.a.img is img
    # No rendition is the original.
    assert photo.image.url not in str(figure)


def test_every_address_in_the_figure_is_a_stored_rendition_of_the_stated_width(client, isolated_media, settings):
    page = make_page(slug="p")
    place_photo(photo_of_size((1000, 700)), section=make_section(page))
    figure = parse(client.get("/p/")).find("figure")
    entries = [entry.split() for entry in figure.source["srcset"].split(", ") + figure.img["srcset"].split(", ")]
    for url, width in entries:
        with Image.open(isolated_media / url.removeprefix(settings.MEDIA_URL)) as image:
            assert f"{image.width}w" == width
            assert image.format == ("WEBP" if url.endswith(".webp") else "JPEG")
    for url in [figure.img["src"], figure.a["href"]]:
        assert (isolated_media / url.removeprefix(settings.MEDIA_URL)).is_file()


def test_only_the_first_figure_of_the_page_loads_at_once(client):
    page = make_page(slug="p")
    first, second = make_section(page), make_section(page)
    place_photo(make_photo(caption="One"), section=make_section(first))
    place_photo(make_photo(caption="Two"), section=first)
    place_photo(make_photo(caption="Three"), section=second)
    figures = parse(client.get("/p/")).find_all("figure")
    assert [text_of(f.find(class_="figure__caption")) for f in figures] == ["Two", "One", "Three"]
    assert [f.img.get("loading") for f in figures] == [None, "lazy", "lazy"]
    assert figures[0].img["fetchpriority"] == "high"


def test_event_page_shows_its_photographs_with_the_first_one_eager(client):
    event = make_event(slug="summit")
    place_photo(make_photo(caption="A"), event=event, position=1)
    place_photo(make_photo(caption="B"), event=event, position=2)
    figures = parse(client.get("/events/summit/")).find_all("figure")
    assert [f.img.get("loading") for f in figures] == [None, "lazy"]
    assert figures[0].source["type"] == "image/webp"


def test_photograph_whose_rights_expired_is_gone_and_the_page_still_renders(client):
    page = make_page(slug="p")
    section = make_section(page, title="Summit", body="The leaders met at the White House.")
    today = timezone.localdate()
    place_photo(make_photo(caption="Expired today", rights_expire_on=today), section=section)
    place_photo(
        make_photo(caption="Expires tomorrow", rights_expire_on=today + datetime.timedelta(days=1)), section=section
    )
    soup = parse(client.get("/p/"))
    assert [text_of(c) for c in soup.select(".figure__caption")] == ["Expires tomorrow"]
    assert "The leaders met at the White House." in text_of(soup.select_one(".section"))
    assert text_of(soup.select_one(".section__title")) == "1. Summit"


def test_a_draft_photograph_is_not_shown(client):
    page = make_page(slug="p")
    place_photo(make_photo(caption="Draft", status=Status.DRAFT), section=make_section(page))
    assert parse(client.get("/p/")).find("figure") is None


def test_page_query_count_does_not_grow_with_photographs(client, page_cache):
    page = make_page(slug="p")
    section = make_section(page)
    place_photo(make_photo(), section=section)
    one = count_render_queries(client, "/p/", chrome_cached=True)
    for index in range(20):
        place_photo(photo_of_size((700, 500), caption=f"Photo {index}"), section=make_section(page))
    assert count_render_queries(client, "/p/", chrome_cached=True) == one
    assert one == 8
    assert len(parse(client.get("/p/")).find_all("figure")) == 21
