"""Hostile input on the public surfaces: each cause of a server error found, and the answer it gets now."""

import datetime
import io
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, models, transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from events.calendar import build_calendar
from events.models import Event
from markup.validators import validate_no_control_characters
from publishing.registry import public_content_models
from sections.models import Section
from sitewide.models import PhoneLine, SiteSettings
from tests.factories import make_event, make_link, make_page, make_photo, make_section, place_photo
from tests.html import form_data, parse, text_of
from tests.signin import verify_second_factor

pytestmark = pytest.mark.django_db

UNSAFE = ["\x01", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff", "\ud800"]


# 1. The year filter -------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["²²²²", "٢٠٠٩", "0000", "0999", "9999", "99999999999999999999", "-200", " 2009"])
def test_a_year_the_site_cannot_show_lists_every_year(visitor, year):
    make_event(title="Summit", starts_on=datetime.date(2009, 2, 24))
    response = visitor.get("/events/", {"year": year})
    soup = parse(response)
    assert text_of(soup.h1) == "Events"
    assert [text_of(a) for a in soup.select(".event-summary__title")] == ["Summit"]
    assert soup.select_one("link[rel=canonical]")["href"] == "http://testserver/events/"


def test_the_first_and_last_years_an_event_can_have_are_still_filters(visitor):
    make_event(title="Old", starts_on=datetime.date(1000, 1, 1))
    make_event(title="Far", starts_on=datetime.date(9998, 12, 31))
    assert text_of(parse(visitor.get("/events/?year=1000")).h1) == "Events in 1000"
    assert text_of(parse(visitor.get("/events/?year=9998")).h1) == "Events in 9998"


# 2. Control characters ----------------------------------------------------------------------------------


def test_every_public_text_field_refuses_control_characters():
    missing = [
        f"{model.__name__}.{field.name}"
        for model in public_content_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not field.choices
        and not isinstance(field, models.SlugField)  # its own pattern already allows only [-a-zA-Z0-9_]
        and field.name != "path"  # treebeard's, written by code
        and validate_no_control_characters not in field.validators
    ]
    assert not missing, missing


@pytest.mark.parametrize("character", UNSAFE)
def test_the_validator_names_the_character_and_where_it_is(character):
    with pytest.raises(Exception) as refused:
        validate_no_control_characters(f"Sum{character}mit")
    assert f"U+{ord(character):04X} at position 4" in " ".join(refused.value.messages)
    validate_no_control_characters("Tab\tnew line\ncarriage return\r and 日本語 stay")


def test_an_event_title_with_a_control_character_is_a_form_error(staff):
    from tests.security.test_bad_input import event_form

    response = staff.post(reverse("admin:events_event_add"), event_form(title="Sum\x0bmit"))
    assert response.status_code == 200
    assert "invisible control character U+000B at position 4" in response.content.decode()
    assert not Event.objects.exists()


def test_the_embassy_name_and_a_phone_line_with_control_characters_are_form_errors(staff):
    settings_row, _ = SiteSettings.objects.get_or_create(pk=1)
    url = reverse("admin:sitewide_sitesettings_change", args=[settings_row.pk])
    data = form_data(staff.get(url))
    data.update({"embassy_name": "Embassy\x01 of Japan", "phone_lines-TOTAL_FORMS": "1"})
    data.update({"phone_lines-0-label": "Ma\x1fin", "phone_lines-0-telephone": "202", "phone_lines-0-position": "0"})
    response = staff.post(url, data)
    assert response.status_code == 200
    assert response.content.decode().count("invisible control character") == 2
    assert SiteSettings.load().embassy_name == "Embassy of Japan" and not PhoneLine.objects.exists()


def test_the_importer_refuses_a_heading_with_a_control_character_and_saves_nothing(tmp_path):
    document = tmp_path / "overview.md"
    document.write_text("# Overview\n\n## Intro\x01duction\n\nText.\n")
    with pytest.raises(CommandError) as refused:
        call_command("import_document", str(document), stdout=io.StringIO())
    message = str(refused.value)
    assert message.startswith("Nothing was imported.")
    assert "title of the section “Intro\ufffdduction”" in message and "U+0001 at position 6" in message
    assert "\n" not in message and not Section.objects.exists()


def store_bypassing_validation(instance, **values):
    """What an older release, a shell session or a raw import may have left in the database."""
    type(instance).objects.filter(pk=instance.pk).update(**values)


@pytest.fixture
def bad_rows_stored():
    page = make_page(title="Overview", slug="overview", summary="About")
    section = make_section(page, title="Security", slug="security")
    event = make_event(section=section, title="Summit", slug="summit", location="White House")
    place_photo(make_photo(), event=event)
    make_link(section)
    store_bypassing_validation(page, title="Over\x0bview", summary="Ab\x01out")
    store_bypassing_validation(section, title="Secu\x1frity", body_html="<p>a\x08b</p>")
    store_bypassing_validation(event, title="Sum\x0cmit", location="White\ufffe House", participants="P\uffff")
    SiteSettings.objects.update_or_create(pk=1, defaults={})
    SiteSettings.objects.filter(pk=1).update(embassy_name="Embassy\x02 of Japan")
    return event


@pytest.mark.parametrize("path", ["/events/feed.atom", "/updates.atom", "/sitemap.xml"])
def test_a_bad_row_already_stored_never_takes_a_feed_down(visitor, bad_rows_stored, path):
    response = visitor.get(path)
    assert response.status_code == 200
    ET.fromstring(response.content)  # well-formed: a feed reader can read it


def test_the_feeds_keep_the_text_around_the_characters_they_drop(visitor, bad_rows_stored):
    events = visitor.get("/events/feed.atom").content.decode()
    assert "<title>Summit</title>" in events and "White House" in events and "Embassy of Japan" in events
    assert "<title>Overview</title>" in visitor.get("/updates.atom").content.decode()


@pytest.mark.parametrize("path", ["/events/events.ics", "/events/summit/event.ics"])
def test_a_bad_row_already_stored_gives_a_valid_calendar(visitor, bad_rows_stored, path):
    response = visitor.get(path)
    assert response.status_code == 200
    assert not any(byte < 0x20 and byte not in b"\t\r\n" for byte in response.content)
    event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Summit" and str(event["LOCATION"]) == "White House"


# 3. Far dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["9999-12-31", "0999-12-31", "0001-01-01"])
def test_an_event_date_no_calendar_can_express_is_a_form_error(staff, value):
    from tests.security.test_bad_input import event_form

    for field in ("starts_on", "ends_on"):
        response = staff.post(reverse("admin:events_event_add"), event_form(**{field: value}))
        assert response.status_code == 200
        assert "Enter a date in the years 1000 to 9998." in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.parametrize("field", ["starts_on", "ends_on"])
def test_the_database_refuses_an_event_date_out_of_range(field):
    event = make_event(starts_on=datetime.date(2009, 2, 24))
    with pytest.raises(IntegrityError), transaction.atomic():
        store_bypassing_validation(event, **{field: datetime.date(9999, 12, 31)})


@pytest.mark.parametrize("precision", ["day", "month", "year"])
def test_the_calendar_holds_an_event_on_the_last_day_a_date_can_have(precision):
    now = timezone.now()
    last_day = Event(pk=1, title="Far", slug="far", starts_on=datetime.date.max, date_precision=precision)
    last_day.created_at = last_day.updated_at = now
    normal = Event(pk=2, title="Summit", slug="summit", starts_on=datetime.date(2009, 2, 24))
    normal.created_at = normal.updated_at = now
    content = build_calendar([last_day, normal], RequestFactory().get("/"), "Events")
    events = {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(content).walk("VEVENT")}
    assert events["Far"].decoded("DTEND") == datetime.date.max
    assert events["Summit"].decoded("DTEND") == datetime.date(2009, 2, 25)


# 4. HEAD and the login's destination --------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/search/", "/search/?q=summit", "/robots.txt"])
def test_head_answers_wherever_get_does(visitor, path):
    head = visitor.head(path)  # first: after a GET, the page cache could answer it instead of the view
    assert head.status_code == visitor.get(path).status_code == 200
    assert head.content == b""


def test_a_login_with_an_unsafe_next_lands_on_the_admin_home(staff_user):
    client = Client()
    response = client.post(
        "/admin/login/?next=https://evil.example/",
        {"username": "editor", "password": "a-long-test-password", "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    verify_second_factor(client, staff_user)
    assert client.get(response["Location"]).status_code == 200
