"""Staff reach every part of the admin and edit the site settings; nobody else gets in."""

import pytest
from django.urls import reverse

from events.models import Event
from photos.models import Photo
from sections.models import Section
from sitewide.models import SiteSettings
from tests.html import form_data, parse, text_of

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "admin:index",
    "admin:sections_section_changelist",
    "admin:sections_section_add",
    "admin:events_event_changelist",
    "admin:events_event_add",
    "admin:photos_photo_changelist",
    "admin:photos_photo_add",
]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_pages_load_for_staff(staff_client, demo_site, name):
    assert staff_client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_pages_send_anonymous_visitors_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_change_pages_load_for_staff(staff_client, demo_site):
    section = Section.objects.get(slug="bmd")
    for url in [
        reverse("admin:sections_section_change", args=[section.pk]),
        reverse("admin:events_event_change", args=[Event.objects.first().pk]),
        reverse("admin:photos_photo_change", args=[Photo.objects.first().pk]),
    ]:
        assert staff_client.get(url).status_code == 200


def test_site_settings_list_goes_straight_to_the_one_row(staff_client, demo_site):
    response = staff_client.get(reverse("admin:sitewide_sitesettings_changelist"))
    assert response.status_code == 302
    assert staff_client.get(response["Location"]).status_code == 200


def test_staff_edit_the_footer(staff_client, demo_site, client):
    settings = SiteSettings.load()
    url = reverse("admin:sitewide_sitesettings_change", args=[settings.pk])
    data = form_data(staff_client.get(url))
    data["address"] = "1 New Street\nWashington, DC 20008"
    data["phone_lines-0-telephone"] = "202-555-0100"
    assert staff_client.post(url, data).status_code == 302
    # Saved as a draft: the public footer is unchanged until the draft is published.
    footer = text_of(parse(client.get("/")).find("footer"))
    assert "1 New Street" not in footer and "202-555-0100" not in footer
    data = form_data(staff_client.get(url))
    assert data["address"].startswith("1 New Street")  # the form shows the draft
    data["_publish"] = "Save and publish"
    assert staff_client.post(url, data).status_code == 302
    footer = text_of(parse(client.get("/")).find("footer"))
    assert "1 New Street" in footer and "202-555-0100" in footer
