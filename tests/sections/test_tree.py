import pytest

from publishing.models import Status
from sections.models import Section
from sections.tree import build_page_tree
from tests.factories import make_page, make_section

pytestmark = pytest.mark.django_db


def numbered_titles(page):
    return [(node.number, node.title) for node in build_page_tree(page).walk()]


def test_numbers_come_from_position():
    page = make_page()
    first = make_section(page, "First")
    make_section(first, "First A")
    make_section(first, "First B")
    make_section(page, "Second")
    assert numbered_titles(page) == [("1.", "First"), ("(1)", "First A"), ("(2)", "First B"), ("2.", "Second")]


def test_moving_a_section_renumbers_and_keeps_its_subsections_and_anchor():
    page = make_page()
    first = make_section(page, "First", slug="first")
    make_section(page, "Second", slug="second")
    third = make_section(page, "Third", slug="third")
    make_section(third, "Third A", slug="third-a")
    Section.objects.move(third, first, "left")
    assert numbered_titles(page) == [("1.", "Third"), ("(1)", "Third A"), ("2.", "First"), ("3.", "Second")]
    assert [node.anchor for node in build_page_tree(page).walk()] == ["third", "third-a", "first", "second"]


def test_moving_a_section_to_another_page_moves_its_subsections_with_it():
    old_page, new_page = make_page(), make_page()
    moving = make_section(old_page, "Moving")
    child = make_section(moving, "Child")
    Section.objects.move(moving, new_page, "first-child")
    child.refresh_from_db()
    moving.refresh_from_db()
    assert moving.page == new_page and child.page == new_page
    assert numbered_titles(new_page) == [("1.", "Moving"), ("(1)", "Child")]
    assert numbered_titles(old_page) == []


def test_third_and_fourth_levels():
    page = make_page()
    child = make_section(make_section(page), "Level 2")
    grandchild = make_section(make_section(child, "Level 3 a"), "Level 4")
    del grandchild
    make_section(child, "Level 3 b")
    assert [number for number, _ in numbered_titles(page)] == ["1.", "(1)", "(i)", "(a)", "(ii)"]


def test_hidden_section_hides_its_published_subsections_and_numbers_close_up():
    page = make_page()
    make_section(page, "Shown")
    draft = make_section(page, "Draft", status=Status.DRAFT)
    make_section(draft, "Published child of a draft")
    make_section(page, "Also shown")
    assert numbered_titles(page) == [("1.", "Shown"), ("2.", "Also shown")]


def test_slug_is_unique_within_a_page_but_may_repeat_across_pages():
    from django.db import IntegrityError, transaction

    first_page, second_page = make_page(), make_page()
    make_section(first_page, slug="overview")
    make_section(second_page, slug="overview")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_section(first_page, slug="overview")
