"""The updated-pages feed: visible pages and sections, newest change first."""

import xml.etree.ElementTree as ET

import pytest

from publishing.models import Status
from tests.factories import make_page, make_section

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_updated_pages_feed_lists_visible_sections_newest_first(client):
    page = make_page("Overview", slug="overview")
    older = make_section(page, "Older", slug="older")
    newer = make_section(page, "Newer", slug="newer")
    hidden = make_section(page, "Hidden", slug="hidden", status=Status.DRAFT)
    make_section(hidden, "Under hidden", slug="under-hidden")
    newer.body = "Changed."
    newer.save()
    response = client.get("/updates.atom")
    root = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]
    assert titles[0] == "Newer (Overview)"
    assert set(titles) == {"Overview", "Older (Overview)", "Newer (Overview)"}
    links = {entry.find(f"{ATOM}link").get("href") for entry in root.findall(f"{ATOM}entry")}
    assert "http://testserver/overview/#older" in links
    assert older.pk  # listed above under its title
