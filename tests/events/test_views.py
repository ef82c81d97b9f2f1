import datetime

import pytest

from publishing.models import Status
from tests.factories import make_event, make_page, make_photo, make_section, place_photo
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def test_event_list_is_grouped_by_year_newest_first(client):
    make_event(title="Old", starts_on=datetime.date(2005, 2, 19))
    make_event(title="New", starts_on=datetime.date(2009, 2, 24))
    make_event(title="Newer draft", starts_on=datetime.date(2010, 1, 1), status=Status.DRAFT)
    soup = parse(client.get("/events/"))
    assert [text_of(h) for h in soup.select(".listing__year h2")] == ["2009", "2005"]
    assert [text_of(a) for a in soup.select(".event-summary__title")] == ["New", "Old"]


def test_event_page_shows_its_facts_photos_and_section(client):
    page = make_page(title="Overview", slug="overview")
    section = make_section(page, "Summits", slug="summits")
    event = make_event(
        section,
        "Aso-Obama summit",
        datetime.date(2009, 2, 24),
        location="White House",
        participants="Prime Minister Taro Aso, President Barack Obama",
    )
    place_photo(make_photo(caption="At the White House"), event=event)
    soup = parse(client.get(event.get_absolute_url()))
    assert text_of(soup.h1) == "Aso-Obama summit"
    assert soup.select_one(".event__facts time")["datetime"] == "2009-02-24"
    assert "White House" in text_of(soup.select_one(".event__facts"))
    assert "President Barack Obama" in text_of(soup.select_one(".event__facts"))
    assert soup.select_one('.event__facts a[href="/overview/#summits"]')
    assert "At the White House" in text_of(soup.figure)


def test_event_under_a_draft_section_does_not_link_to_it(client):
    page = make_page(slug="overview")
    section = make_section(page, "Secret", status=Status.DRAFT)
    event = make_event(section, "Public event")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Secret" not in html


def test_draft_event_is_not_found(client):
    event = make_event(status=Status.DRAFT)
    assert client.get(event.get_absolute_url()).status_code == 404
