"""The sitemap lists what the public can read, with dates; robots.txt points crawlers to it."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from publishing.models import Status
from tests.factories import make_event, make_page, make_section

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {url.find(f"{SITEMAP}loc").text: url.find(f"{SITEMAP}lastmod").text for url in root}


def test_sitemap_lists_public_pages_sections_and_events_with_dates(client):
    home = make_page("Overview", slug="overview")
    make_page("Legal", slug="legal")
    make_page("Secret", slug="secret", status=Status.DRAFT)
    shown = make_section(home, slug="shown")
    make_section(shown, slug="nested")
    hidden = make_section(home, slug="hidden", status=Status.DRAFT)
    make_section(hidden, slug="under-hidden")
    make_event(slug="summit")
    make_event(slug="draft-event", status=Status.DRAFT)
    make_event(slug="later", publish_at=timezone.now() + datetime.timedelta(days=1))
    entries = sitemap_entries(client)
    paths = {"/", "/legal/", "/overview/shown/", "/events/", "/events/summit/"}
    # Every address in English and in Japanese (/ja/), each with its alternates (tests/sections/test_languages.py).
    assert set(entries) == {f"http://testserver{path}" for path in paths} | {
        f"http://testserver/ja{path}" for path in paths
    }
    today = timezone.localdate().isoformat()  # the sitemap writes dates in the site's time zone
    assert all(lastmod == today for lastmod in entries.values())


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
