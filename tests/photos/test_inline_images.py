"""A photograph placed inside a text by the editor shows only while the photograph may be shown."""

import datetime

import pytest
import time_machine

from publishing.models import Status
from tests.factories import make_page, make_photo, make_section
from tests.html import parse

pytestmark = pytest.mark.django_db


def inline_address(photo):
    return f"/photos/{photo.pk}/image/"


def test_a_published_photograph_in_a_text_leads_to_its_large_rendition(client):
    photo = make_photo()
    page = make_page(slug="overview")
    # In the middle of a sentence, where it cannot become a figure (tests/photos/test_inline_figures.py).
    make_section(page, "Summit", slug="summit", body=f"The leaders met ![]({inline_address(photo)}) here.")
    image = parse(client.get("/overview/")).select_one("#summit .prose img")
    assert image["src"] == inline_address(photo)
    response = client.get(inline_address(photo))
    assert response.status_code == 302 and response["Location"] == photo.picture.large_url
    assert response["Cache-Control"] == "no-cache"


def test_a_draft_photograph_in_a_text_is_shown_to_staff_only(visitor, staff_client):
    photo = make_photo(credit="", status=Status.DRAFT)  # as the editor's upload leaves it
    assert visitor.get(inline_address(photo)).status_code == 404
    assert staff_client.get(inline_address(photo)).status_code == 302


def test_a_photograph_in_a_text_disappears_when_its_rights_expire(client):
    photo = make_photo(rights_expire_on=datetime.date(2030, 3, 2))
    with time_machine.travel(datetime.datetime(2030, 3, 1, 12, 0, tzinfo=datetime.UTC), tick=False):
        assert client.get(inline_address(photo)).status_code == 302
    with time_machine.travel(datetime.datetime(2030, 3, 2, 12, 0, tzinfo=datetime.UTC), tick=False):
        assert client.get(inline_address(photo)).status_code == 404


def test_an_unknown_photograph_is_not_found_and_other_addresses_are_not_kept_in_texts(client):
    assert client.get("/photos/999999/image/").status_code == 404
    page = make_page(slug="overview")
    make_section(
        page,
        "Summit",
        slug="summit",
        body="![](/photos/1/image/?x=1)\n\n![](/admin/)\n\n![](https://tracker.example/p.gif)",
    )
    assert [image.get("src") for image in parse(client.get("/overview/")).select("#summit .prose img")] == [None] * 3
