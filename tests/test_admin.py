"""Staff edit every part of the site in the admin; nobody else gets in."""

import pytest
from django.urls import reverse

from events.models import Event
from photos.models import Photo
from sections.models import RelatedLink, Section
from sitewide.models import SiteSettings
from tests.factories import jpeg_bytes, make_page, make_section
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


def test_section_list_shows_numbers(staff_client, demo_site):
    page = Section.objects.get(slug="overview-of-japan-us-relations", depth=1)
    response = staff_client.get(reverse("admin:sections_section_changelist"), {"page": page.pk})
    rows = [text_of(cell) for cell in parse(response).select("td.field-numbered_title, th.field-numbered_title")]
    assert "2.(3) Ballistic Missile Defense (BMD)" in rows


def section_form_data(page, **overrides):
    data = {
        "title": "New subsection",
        "slug": "new-subsection",
        "summary": "",
        "body": "Some **Markdown**.",
        "status": "published",
        "date_precision": "day",
        "treebeard_position": "first-child",
        "treebeard_ref_node": str(page.pk),
        "photo_placements-TOTAL_FORMS": "0",
        "photo_placements-INITIAL_FORMS": "0",
        "related_links-TOTAL_FORMS": "1",
        "related_links-INITIAL_FORMS": "0",
        "related_links-0-title": "Ministry of Defense",
        "related_links-0-url": "https://www.mod.go.jp/e/",
        "related_links-0-position": "1",
    }
    data.update(overrides)
    return data


def test_staff_add_a_section_with_a_related_link_and_it_appears_on_the_page(staff_client, client):
    page = make_page(slug="overview")
    make_section(page, "Existing", slug="existing")
    response = staff_client.post(reverse("admin:sections_section_add"), section_form_data(page))
    assert response.status_code == 302, response.context["errors"] if response.context else response
    section = Section.objects.get(slug="new-subsection")
    assert section.page == page and section.body_html == "<p>Some <strong>Markdown</strong>.</p>"
    assert RelatedLink.objects.get(section=section).title == "Ministry of Defense"
    soup = parse(client.get("/overview/"))
    assert [text_of(a) for a in soup.select("#contents a")] == ["1. New subsection", "2. Existing"]


def test_moving_through_the_form_renumbers(staff_client, client):
    page = make_page(slug="overview")
    first = make_section(page, "First", slug="first")
    second = make_section(page, "Second", slug="second")
    data = section_form_data(
        page,
        title="Second",
        slug="second",
        treebeard_position="left",
        treebeard_ref_node=str(first.pk),
        **{"related_links-TOTAL_FORMS": "0"},
    )
    response = staff_client.post(reverse("admin:sections_section_change", args=[second.pk]), data)
    assert response.status_code == 302
    soup = parse(client.get("/overview/"))
    assert [text_of(a) for a in soup.select("#contents a")] == ["1. Second", "2. First"]


def test_a_clashing_slug_is_a_form_error_and_saves_nothing(staff_client):
    page = make_page(slug="overview")
    make_section(page, "Existing", slug="taken")
    response = staff_client.post(reverse("admin:sections_section_add"), section_form_data(page, slug="taken"))
    assert response.status_code == 200
    assert "already has sections with these slugs: taken" in response.content.decode()
    assert Section.objects.count() == 2 and not RelatedLink.objects.exists()


def test_a_bad_related_link_is_a_form_error_and_saves_nothing(staff_client):
    page = make_page(slug="overview")
    data = section_form_data(page, **{"related_links-0-url": "not a url at all"})
    response = staff_client.post(reverse("admin:sections_section_add"), data)
    assert response.status_code == 200
    assert "Enter a valid URL" in response.content.decode()
    assert Section.objects.count() == 1


def test_staff_upload_a_photograph(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("summit.jpg", jpeg_bytes((320, 200)), content_type="image/jpeg")
    response = staff_client.post(
        reverse("admin:photos_photo_add"),
        {
            "image": upload,
            "caption": "At the summit",
            "credit": "Photo: Cabinet Public Relations Office",
            "alt_text": "Two leaders",
            "status": "draft",
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height, photo.original_filename) == (320, 200, "summit.jpg")
    assert "summit" not in photo.image.name and photo.image.name.startswith("photos/")


def test_staff_edit_the_footer(staff_client, demo_site, client):
    settings = SiteSettings.load()
    url = reverse("admin:sitewide_sitesettings_change", args=[settings.pk])
    data = form_data(staff_client.get(url))
    data["address"] = "1 New Street\nWashington, DC 20008"
    data["phone_lines-0-telephone"] = "202-555-0100"
    assert staff_client.post(url, data).status_code == 302
    footer = text_of(parse(client.get("/")).find("footer"))
    assert "1 New Street" in footer and "202-555-0100" in footer
