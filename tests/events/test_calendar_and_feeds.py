import datetime
import json

import icalendar
import pytest

from events.views import EVENTS_PER_PAGE
from publishing.models import Status
from tests.factories import make_event, make_page, make_photo, make_section, place_photo
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def read_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_calendar_feed_has_every_public_event_as_all_day_dates(client):
    make_event(title="Summit", starts_on=datetime.date(2009, 2, 24), location="White House")
    make_event(title="Talks", starts_on=datetime.date(2009, 2, 17), ends_on=datetime.date(2009, 2, 19))
    make_event(title="Draft", status=Status.DRAFT)
    calendar = read_calendar(client.get("/events/events.ics"))
    events = {event["SUMMARY"]: event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Summit", "Talks"}
    summit = events["Summit"]
    assert summit["DTSTART"].params["VALUE"] == "DATE"
    assert summit.decoded("DTSTART") == datetime.date(2009, 2, 24)
    assert summit.decoded("DTEND") == datetime.date(2009, 2, 25)
    assert str(summit["LOCATION"]) == "White House"
    assert str(summit["URL"]).startswith("http://testserver/events/")
    assert events["Talks"].decoded("DTEND") == datetime.date(2009, 2, 20)  # exclusive end: the day after
    assert len({str(event["UID"]) for event in events.values()}) == 2


def test_month_and_year_precision_span_the_period_and_say_so(client):
    make_event(title="Month", starts_on=datetime.date(2007, 12, 1), date_precision="month")
    make_event(title="Year", starts_on=datetime.date(2001, 1, 1), date_precision="year")
    events = {e["SUMMARY"]: e for e in read_calendar(client.get("/events/events.ics")).walk("VEVENT")}
    month = events["Month"]
    assert (month.decoded("DTSTART"), month.decoded("DTEND")) == (datetime.date(2007, 12, 1), datetime.date(2008, 1, 1))
    assert str(month["TRANSP"]) == "TRANSPARENT"
    assert "only the month" in str(month["DESCRIPTION"]) and "December 2007" in str(month["DESCRIPTION"])
    year = events["Year"]
    assert (year.decoded("DTSTART"), year.decoded("DTEND")) == (datetime.date(2001, 1, 1), datetime.date(2002, 1, 1))


def test_event_with_a_time_starts_at_that_local_time(client):
    event = make_event(title="Timed", starts_on=datetime.date(2009, 2, 24), start_time=datetime.time(10, 30))
    calendar = read_calendar(client.get(f"/events/{event.slug}/event.ics"))
    (component,) = calendar.walk("VEVENT")
    assert component.decoded("DTSTART") == datetime.datetime(2009, 2, 24, 10, 30)
    assert component.decoded("DTSTART").tzinfo is None  # floating: local to where it happened


def test_single_event_file_is_a_download_and_drafts_are_not_found(client):
    event = make_event(title="Summit", participants="Taro Aso, Barack Obama", summary="Talks.")
    response = client.get(f"/events/{event.slug}/event.ics")
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    (component,) = read_calendar(response).walk("VEVENT")
    assert "Participants: Taro Aso, Barack Obama" in str(component["DESCRIPTION"])
    draft = make_event(status=Status.DRAFT)
    assert client.get(f"/events/{draft.slug}/event.ics").status_code == 404


def test_event_page_links_its_calendar_file_and_describes_itself(client):
    page = make_page(slug="overview")
    event = make_event(
        make_section(page),
        "Summit",
        datetime.date(2009, 2, 24),
        location="White House, Washington, D.C.",
        summary="The first meeting.",
        participants="Taro Aso, Barack Obama",
    )
    place_photo(make_photo(), event=event)
    soup = parse(client.get(event.get_absolute_url()))
    assert soup.select_one(".event__calendar a")["href"] == f"/events/{event.slug}/event.ics"
    assert text_of(soup.title) == "Summit (2009) | Embassy of Japan"
    assert soup.select_one("meta[name=description]")["content"] == "The first meeting."
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Event" and data["startDate"] == "2009-02-24"
    assert data["location"] == {"@type": "Place", "name": event.location, "address": event.location}
    assert [person["name"] for person in data["attendee"]] == ["Taro Aso", "Barack Obama"]
    assert data["image"][0].startswith("http://testserver/media/")
    assert [text_of(li) for li in soup.select(".breadcrumbs li")] == ["Home", "Events", "2009", "Summit"]


def test_month_precision_event_json_ld_keeps_the_precision(client):
    event = make_event(starts_on=datetime.date(2007, 12, 1), date_precision="month")
    soup = parse(client.get(event.get_absolute_url()))
    data = json.loads(soup.select_one("script[type='application/ld+json']").string)
    assert data["startDate"] == "2007-12"


def test_year_filter_shows_only_that_year_and_lists_the_years(client):
    make_event(title="Old", starts_on=datetime.date(2005, 2, 19))
    make_event(title="New", starts_on=datetime.date(2009, 2, 24))
    make_event(title="Draft", starts_on=datetime.date(2010, 2, 24), status=Status.DRAFT)
    soup = parse(client.get("/events/?year=2005"))
    assert [text_of(a) for a in soup.select(".event-summary__title")] == ["Old"]
    assert text_of(soup.h1) == "Events in 2005"
    assert [text_of(a) for a in soup.select(".year-filter a")] == ["All years", "2009", "2005"]
    assert text_of(soup.select_one(".year-filter a[aria-current]")) == "2005"
    assert soup.select_one("link[rel=canonical]")["href"] == "http://testserver/events/?year=2005"
    empty = parse(client.get("/events/?year=1990"))
    assert not empty.select(".event-summary") and "No events have been published for 1990" in text_of(empty.main)
    for odd in ("abc", "99999", "", "2009%00"):
        assert client.get(f"/events/?year={odd}").status_code == 200


def test_pagination_keeps_the_year(client):
    for day in range(EVENTS_PER_PAGE + 5):
        make_event(starts_on=datetime.date(2009, 1, 1) + datetime.timedelta(days=day))
    make_event(starts_on=datetime.date(2001, 1, 1))
    soup = parse(client.get("/events/?year=2009"))
    assert len(soup.select(".event-summary")) == EVENTS_PER_PAGE
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert next_link == "?year=2009&page=2"
    second = parse(client.get("/events/" + next_link))
    assert len(second.select(".event-summary")) == 5
    assert text_of(second.title).startswith("Events in 2009, page 2")


def test_atom_feed_of_events_lists_public_events_only(client):
    make_event(title="Summit <b>", summary="Talks")
    make_event(title="Secret", status=Status.DRAFT)
    response = client.get("/events/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Summit &lt;b&gt;" in body and "Secret" not in body
    assert 'xmlns="http://www.w3.org/2005/Atom"' in body
