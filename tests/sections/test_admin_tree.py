"""The section tree in the admin: the "Relative to" list, moves by dragging, and the size of the tree."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from publishing.models import Status
from sections.models import Section
from tests.factories import make_page, make_section
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:sections_section_changelist")
MOVE = CHANGELIST + "move/"


@pytest.fixture
def two_pages():
    """Two pages with an "Overview" each, as the site has: the list must tell them apart."""
    relations = make_page(title="Japan-U.S. Relations", slug="relations")
    make_section(relations, title="Overview", slug="overview")
    economy = make_section(relations, title="Economy", slug="economy")
    security = make_section(relations, title="Security", slug="security")
    make_section(economy, title="Trade", slug="trade")
    legal = make_page(title="Legal matters", slug="legal")
    make_section(legal, title="Overview", slug="overview")
    return {"relations": relations, "economy": economy, "security": security, "legal": legal}


def relative_to_labels(response):
    return [" ".join(option.get_text().split()) for option in parse(response).select("#id_treebeard_ref_node option")]


def test_relative_to_names_the_number_and_the_page_of_each_entry(staff_client, two_pages):
    labels = relative_to_labels(staff_client.get(reverse("admin:sections_section_add")))
    assert "1. Overview — in “Japan-U.S. Relations”" in labels
    assert "1. Overview — in “Legal matters”" in labels
    assert "2.(1) Trade — in “Japan-U.S. Relations”" in labels
    assert "Legal matters (page)" in labels


def test_relative_to_on_a_section_lists_its_own_page_and_the_pages(staff_client, two_pages):
    response = staff_client.get(reverse("admin:sections_section_change", args=[two_pages["security"].pk]))
    labels = relative_to_labels(response)
    assert "2. Economy — in “Japan-U.S. Relations”" in labels
    assert not [label for label in labels if "in “Legal matters”" in label]


def test_the_list_says_how_many_pages_and_sections_it_holds(staff_client, two_pages):
    text = text_of(parse(staff_client.get(CHANGELIST)).select_one(".tree-count"))
    assert text.startswith("The tree holds 2 pages and 5 sections.")


def move(client, section, target, relation):
    return client.post(MOVE, {"node": section.pk, "target": target.pk, "relation": relation})


def said(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_dragged_section_moves_and_the_message_says_where(staff_client, two_pages):
    response = move(staff_client, two_pages["security"], two_pages["economy"], "sibling")
    assert response.status_code == 200
    assert said(response) == ["“Security” moved before “Economy”."]
    titles = [section.title for section in Section.objects.get_children(two_pages["relations"])]
    assert titles == ["Overview", "Security", "Economy"]


def test_a_section_dropped_on_the_lower_half_becomes_the_last_subsection(staff_client, two_pages):
    response = move(staff_client, two_pages["security"], two_pages["economy"], "child")
    assert said(response) == ["“Security” moved into “Economy”, as its last subsection."]
    assert [section.title for section in Section.objects.get_children(two_pages["economy"])] == ["Trade", "Security"]


def test_a_section_cannot_be_dropped_inside_itself(staff_client, two_pages):
    trade = Section.objects.get(slug="trade")
    response = move(staff_client, two_pages["economy"], trade, "child")
    assert response.status_code == 400
    assert said(response) == ["“Economy” was not moved: a section cannot go inside itself."]
    assert Section.objects.get_parent(Section.objects.get(slug="trade")) == two_pages["economy"]


def test_a_clashing_slug_on_the_new_page_is_refused_in_words(staff_client, two_pages):
    overview = Section.objects.get(page=two_pages["relations"], slug="overview")
    response = move(staff_client, overview, Section.objects.get(page=two_pages["legal"], slug="overview"), "sibling")
    assert response.status_code == 400
    assert "already uses its slug" in said(response)[0]


def test_an_editor_cannot_drag_a_published_section(editor_client, two_pages):
    response = move(editor_client, two_pages["security"], two_pages["economy"], "sibling")
    assert response.status_code == 400
    assert "only publishers can" in said(response)[0]
    draft = make_section(two_pages["relations"], title="Draft notes", status=Status.DRAFT)
    assert move(editor_client, draft, two_pages["economy"], "sibling").status_code == 200


def test_a_move_of_something_gone_is_a_message_not_an_error(staff_client, two_pages):
    response = staff_client.post(MOVE, {"node": 999999, "target": two_pages["economy"].pk, "relation": "child"})
    assert response.status_code == 400
    assert "Nothing was moved" in said(response)[0]
