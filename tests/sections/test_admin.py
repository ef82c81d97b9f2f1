"""Staff add, move and link sections through the admin's section form; a bad form saves nothing."""

import pytest
from django.urls import reverse

from sections.models import RelatedLink, Section
from tests.factories import make_page, make_section
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


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
