"""The public Photo credits page: every public photograph, its credit and licence, and where it can be seen."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from publishing.models import Status
from tests.factories import make_event, make_page, make_photo, make_section, place_photo
from tests.html import parse, text_of
from tests.queries import count_render_queries

pytestmark = pytest.mark.django_db

CREDITS = "/photo-credits/"


def entries(response):
    soup = parse(response)
    return {text_of(item.select_one(".credit__caption")): item for item in soup.select(".credit")}


def test_credits_list_public_photographs_only(client):
    today = timezone.localdate()
    make_photo(caption="Public", credit="Photo: MOFA", licence="CC BY 4.0", copyright_holder="Government of Japan")
    make_photo(caption="Draft", status=Status.DRAFT)
    make_photo(caption="Expired", rights_expire_on=today)
    make_photo(caption="Not yet", publish_at=timezone.now() + datetime.timedelta(days=1))
    found = entries(client.get(CREDITS))
    assert list(found) == ["Public"]
    item = found["Public"]
    assert text_of(item.select_one(".credit__credit")) == "Photo: MOFA"
    assert text_of(item.select_one(".credit__licence")) == "CC BY 4.0"
    assert "Government of Japan" in text_of(item)


def test_credits_link_only_to_places_the_public_can_see(client):
    page = make_page(title="Overview", slug="overview")
    shown = make_section(page, title="Summit", slug="summit")
    draft_section = make_section(page, title="Secret section", status=Status.DRAFT)
    under_draft = make_section(draft_section, title="Under a draft", slug="under")
    draft_page = make_page(title="Draft page", slug="draft-page", status=Status.DRAFT)
    on_draft_page = make_section(draft_page, title="On a draft page")
    event = make_event(title="Signing ceremony", slug="signing")
    draft_event = make_event(title="Draft event", status=Status.DRAFT)
    photo = make_photo(caption="Leaders")
    for position, place in enumerate([shown, draft_section, under_draft, on_draft_page, page]):
        place_photo(photo, section=place, position=position)
    place_photo(photo, event=event)
    place_photo(photo, event=draft_event)
    item = entries(client.get(CREDITS))["Leaders"]
    links = [(text_of(a), a["href"]) for a in item.select(".credit__places a")]
    assert sorted(links) == sorted(
        [
            ("Summit", "/overview/#summit"),
            ("Overview", "/overview/"),
            ("Signing ceremony", reverse("events:detail", kwargs={"slug": "signing"})),
        ]
    )
    for _, href in links:
        assert client.get(href).status_code == 200
    text = text_of(item)
    assert "Secret" not in text and "draft" not in text.lower()


def test_credits_are_linked_from_the_footer_of_every_page(client):
    make_page(slug="p")
    footer_links = parse(client.get("/p/")).select("footer a")
    assert ("Photo credits", CREDITS) in [(text_of(a), a["href"]) for a in footer_links]


def test_credits_page_works_with_no_photographs(client):
    assert "No photographs have been published yet." in text_of(parse(client.get(CREDITS)))


def test_credits_are_escaped(client):
    make_photo(caption="<script>alert(1)</script>", credit="<b>Agency</b>", licence="<i>CC</i>")
    html = client.get(CREDITS).content.decode()
    assert "<script>alert(1)" not in html and "<b>Agency" not in html and "<i>CC" not in html


def test_credits_render_in_a_fixed_number_of_queries(client, page_cache):
    page = make_page(slug="p")
    place_photo(make_photo(), section=make_section(page))
    one = count_render_queries(client, CREDITS, chrome_cached=True)
    for index in range(15):
        section = make_section(make_section(page))
        photo = make_photo(caption=f"Photo {index}")
        place_photo(photo, section=section)
        place_photo(photo, event=make_event())
    assert count_render_queries(client, CREDITS, chrome_cached=True) == one
    assert one == 6
    assert len(entries(client.get(CREDITS))) == 16


def test_demo_placeholders_say_so_on_the_credits_page(client, demo_site):
    soup = parse(client.get(CREDITS))
    items = soup.select(".credit")
    assert len(items) == 5
    assert all("placeholder drawn by this site" in text_of(item) for item in items)
    assert "Bettmann/CORBIS/Corbis Japan" in text_of(soup)
