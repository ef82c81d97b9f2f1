"""The section editor as an editor uses it: the box, the preview beside it and the accessibility checker."""

import pytest
from playwright.sync_api import expect

from sections.models import Section
from tests.browser.chromium import PHONE
from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser


def open_subsection(page, site):
    section = Section.objects.filter(depth=3).exclude(body="").order_by("path").first()
    page.goto(f"{site}/admin/sections/section/{section.pk}/change/")
    expect(page.locator(".markdownx").first).to_have_attribute("data-checked", "", timeout=20_000)
    return section


def test_the_markdown_box_grows_with_its_lines_only(page, site, staff):
    log_in(page, site)
    open_subsection(page, site)
    box = page.locator("#id_body")
    box.fill("")
    box.press_sequentially("One sentence, typed a key at a time.")
    typed = box.bounding_box()["height"]
    box.press_sequentially(" More words on the same line.")
    page.wait_for_timeout(700)  # past markdownx's preview, which sets the height again
    assert box.bounding_box()["height"] == typed
    box.press("End")
    for _ in range(25):
        box.press("Enter")
    box.press_sequentially("A line further down.")
    page.wait_for_timeout(700)
    assert box.bounding_box()["height"] > typed + 100


def test_the_preview_sits_beside_the_box_on_a_desktop_and_below_on_a_phone(page, site, staff):
    log_in(page, site)
    open_subsection(page, site)
    box, preview = page.locator("#id_body").bounding_box(), page.locator(".markdownx-preview").first.bounding_box()
    assert preview["x"] > box["x"] + box["width"] - 1 and abs(preview["y"] - box["y"]) < 5
    page.set_viewport_size(PHONE)
    box, preview = page.locator("#id_body").bounding_box(), page.locator(".markdownx-preview").first.bounding_box()
    assert preview["y"] >= box["y"] + box["height"] - 1
    assert preview["width"] > 300


def test_the_preview_keeps_list_bullets(page, site, staff):
    log_in(page, site)
    open_subsection(page, site)
    page.locator("#id_body").fill("- First point\n- Second point")
    item = page.locator(".markdownx-preview li").first
    expect(item).to_have_text("First point")
    assert item.evaluate("li => getComputedStyle(li).listStyleType") == "disc"


def test_the_checker_lists_a_vague_link_and_a_heading_the_gate_refuses_with_a_link_to_each(page, site, staff):
    """In a subsection (its title is h3), "##" is refused by the publish gate: said while typing, not on save."""
    log_in(page, site)
    open_subsection(page, site)
    page.locator("#id_body").fill("Read the statement [click here](https://www.mofa.go.jp/).\n\n## Same level")
    checker = page.get_by_role("region", name="Accessibility checker").first
    problem = checker.get_by_role("link", name="The link text “click here” does not say where it leads")
    expect(problem).to_be_visible()
    gate = checker.locator(".editor-checker__gate")
    expect(gate).to_contain_text("Required to publish")
    expect(gate).to_contain_text("“Same level” is level 2")
    problem.click()
    expect(page.locator(".markdownx-preview a", has_text="click here")).to_be_focused()
    # Fixed, the list empties.
    page.locator("#id_body").fill("Read [the joint statement](https://www.mofa.go.jp/).\n\n#### One level below")
    expect(checker.locator(".editor-checker__summary")).to_have_text("No problems found")
    assert_accessible(page, "section editor with the checker")


def test_add_subsection_here_opens_the_form_placed_under_that_row(page, site, staff):
    log_in(page, site)
    parent = Section.objects.get(depth=1, slug="overview-of-japan-us-relations")  # rows below start folded
    page.goto(f"{site}/admin/sections/section/")
    page.get_by_role("link", name=f"Add subsection here under “{parent.title}”").click()
    last = Section.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("path").last()
    expect(page.locator("#id_treebeard_ref_node")).to_have_value(str(last.pk))
    expect(page.locator("#id_treebeard_position")).to_have_value("right")
    page.locator("#id_title").fill("Youth Exchanges")
    page.locator("#id_slug").fill("youth-exchanges")
    # The new section's title is an h2, so "##" in its text is refused by the gate: said before saving.
    page.locator("#id_body").fill("## Programmes")
    expect(page.locator(".editor-checker__gate").first).to_contain_text("is level 2")
    page.locator("#id_body").fill("### Programmes\n\nStudents from both countries.")
    expect(page.locator(".editor-checker__summary").first).to_have_text("No problems found")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    created = Section.objects.get(title="Youth Exchanges")
    assert created.path[: -Section.steplen] == parent.path
    siblings = Section.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("path")
    assert siblings.last() == created
