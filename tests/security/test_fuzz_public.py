"""Property-based: no public address answers 5xx, whatever the request or whatever staff typed into the admin.

The public addresses come from the URL walk (test_url_walk), so a new public view is fuzzed without being
listed here. Seeded and bounded: the same examples run every time, in a few seconds each.
"""

import xml.etree.ElementTree as ET
from urllib.parse import quote, quote_from_bytes, urlencode

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from events.models import Event
from photos.models import Photo
from sections.models import Section
from sitewide.models import SiteSettings
from tests.html import form_data
from tests.security.test_url_walk import concrete_urls
from tests.urlconf import is_public

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    # Without shrinking: an example makes dozens of requests, and shrinking a failure took minutes. The
    # assertion names the request as found.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text a browser can send: any character but lone surrogates (UTF-8 cannot encode them), weighted
# towards what breaks XML, calendars and number parsing.
HOSTILE_CHARACTERS = st.sampled_from(["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff"])
CHARACTERS = st.characters(exclude_categories=["Cs"]) | HOSTILE_CHARACTERS
# Digits of every script str.isdigit accepts, for the numbers the views parse (?year=, ?page=).
DIGITS = "0123456789²³¹٣٤۵߁०๑"
NUMBERS = st.text(DIGITS, min_size=4, max_size=4) | st.text(DIGITS, max_size=25)
VALUES = NUMBERS | st.text(CHARACTERS, max_size=40)
# The parameters the public views read, each there or not, and a few more of any name.
KNOWN_PARAMETERS = st.fixed_dictionaries({}, optional={"year": VALUES, "page": VALUES, "q": VALUES})
OTHER_PARAMETERS = st.dictionaries(st.text(CHARACTERS, max_size=8), VALUES, max_size=2)
QUERY = st.tuples(KNOWN_PARAMETERS, OTHER_PARAMETERS).map(lambda both: urlencode({**both[1], **both[0]}))
RAW_QUERY = QUERY | st.binary(max_size=30).map(quote_from_bytes)
SUFFIX = st.just("") | st.text(CHARACTERS, max_size=20).map(quote) | st.binary(max_size=12).map(quote_from_bytes)


@pytest.fixture
def public_paths(demo_site, settings):
    settings.DEBUG = False
    # Two addresses of each public view: enough to reach both a found and a missing object.
    by_name = {}
    for path, name, _callback in concrete_urls():
        if is_public(name) and len(by_name.setdefault(name, [])) < 2:
            by_name[name].append(path)
    return [path for paths in by_name.values() for path in paths]


@settings(FUZZ, max_examples=40)
@given(method=st.sampled_from(["GET", "HEAD"]), suffix=SUFFIX, query=RAW_QUERY)
def test_no_public_address_answers_5xx_whatever_the_query_or_path(public_paths, method, suffix, query):
    visitor = Client()
    for path in public_paths:
        address = f"{path}{suffix}?{query}"
        response = visitor.generic(method, address)
        assert response.status_code < 500, (method, address, response.status_code)


def admin_targets():
    """(admin change address, form field) for each text field of the public models that staff type into."""
    page = Section.objects.public().filter(depth=1).first()
    section = Section.objects.public().filter(depth=2, related_links__isnull=False).first()
    event = Event.objects.public().first()
    photo = Photo.objects.public().first()
    site_settings, _ = SiteSettings.objects.get_or_create(pk=1)
    change = {
        "section": reverse("admin:sections_section_change", args=[page.pk]),
        "subsection": reverse("admin:sections_section_change", args=[section.pk]),
        "event": reverse("admin:events_event_change", args=[event.pk]),
        "photo": reverse("admin:photos_photo_change", args=[photo.pk]),
        "site": reverse("admin:sitewide_sitesettings_change", args=[site_settings.pk]),
    }
    fields = {
        "section": ["title", "summary", "body", "publisher", "change_note"],
        "subsection": ["title", "body", "related_links-0-title", "related_links-0-url"],
        "event": ["title", "summary", "body", "location", "participants"],
        "photo": ["caption", "credit", "alt_text", "copyright_holder", "licence", "source_url"],
        "site": ["embassy_name", "address", "copyright_line"],
    }
    return [(change[kind], field) for kind, names in fields.items() for field in names], event


def public_outputs(event):
    """Every feed, sitemap and calendar, and a page of each kind, as (address, how to read it)."""
    page = Section.objects.filter(depth=1).first()
    return [
        ("/events/feed.atom", ET.fromstring),
        ("/updates.atom", ET.fromstring),
        ("/sitemap.xml", ET.fromstring),
        ("/events/events.ics", icalendar.Calendar.from_ical),
        (f"/events/{event.slug}/event.ics", icalendar.Calendar.from_ical),
        (f"/events/{event.slug}/", None),
        (f"/{page.slug}/", None),
        ("/events/", None),
        ("/photo-credits/", None),
        ("/", None),
    ]


@pytest.fixture
def admin_setup(demo_site, staff_client, settings):
    settings.DEBUG = False
    targets, event = admin_targets()
    return staff_client, targets, public_outputs(event)


@settings(FUZZ, max_examples=25)
@given(data=st.data(), text=st.text(CHARACTERS, max_size=60))
def test_any_text_typed_into_the_admin_is_refused_or_saved_and_every_output_still_renders(admin_setup, data, text):
    staff, targets, outputs = admin_setup
    url, field = data.draw(st.sampled_from(targets), label="field")
    form = form_data(staff.get(url))
    form[field] = text
    response = staff.post(url, form)
    assert response.status_code in (200, 302), (field, text, response.status_code)
    if response.status_code == 200:
        assert "errornote" in response.content.decode(), "neither saved nor told why"
    visitor = Client()
    for address, read in outputs:
        response = visitor.get(address)
        assert response.status_code == 200, (field, text, address, response.status_code)
        if read:
            read(response.content)  # well-formed: a feed reader or calendar can read it
