"""A staff member writes a subsection, uploads and attaches a photograph, publishes, and checks the public page."""

import re

import pytest
from playwright.sync_api import expect

from sections.models import Section
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import jpeg_bytes

pytestmark = pytest.mark.browser

OVERVIEW = "/overview-of-japan-us-relations/"


def test_staff_member_publishes_a_subsection_with_a_photograph(page, site, staff, tmp_path):
    log_in(page, site)

    # 1. Upload a photograph with its caption and credit.
    page.goto(site + "/admin/photos/photo/add/")
    assert_accessible(page, "photo add form")
    picture = tmp_path / "handshake.jpg"
    picture.write_bytes(jpeg_bytes(size=(640, 480), colour=(20, 60, 140)))
    page.locator("#id_image").set_input_files(str(picture))
    page.locator("#id_caption").fill("Ministers shake hands after the talks")
    page.locator("#id_credit").fill("Photo: Ministry of Foreign Affairs of Japan")
    page.locator("#id_alt_text").fill("Two ministers shaking hands in front of flags")
    page.locator("#id_status").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert_accessible(page, "photo changelist")

    # 2. Write a subsection in Markdown; the editor's live preview renders it.
    parent = Section.objects.get(slug="current-state")
    last_child = Section.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("path").last()
    page.goto(site + "/admin/sections/section/add/")
    page.locator("#id_title").press_sequentially("Cultural Exchange")
    expect(page.locator("#id_slug")).to_have_value("cultural-exchange")  # filled in from the title
    page.locator("#id_summary").fill("People-to-people ties between Japan and the United States.")
    page.locator("#id_body").fill("Exchanges such as the **JET Programme** bring *thousands* of people together.")
    preview = page.locator(".markdownx-preview")
    expect(preview.locator("strong")).to_have_text("JET Programme")
    expect(preview.locator("em")).to_have_text("thousands")
    page.locator("#id_treebeard_position").select_option("right")
    page.locator("#id_treebeard_ref_node").select_option(str(last_child.pk))
    page.locator("#id_status").select_option("published")

    # 3. Attach the photograph through the inline's search-as-you-type field.
    page.locator("#photo_placements-group").get_by_role("button", name="Add another Photograph").click()
    page.locator("#photo_placements-group .select2-selection").first.click()
    page.locator(".select2-search__field").fill("Ministers shake")
    page.locator(".select2-results__option", has_text="Ministers shake hands").click()
    assert_accessible(page, "section add form")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert_accessible(page, "section changelist")

    created = Section.objects.get(page__slug="overview-of-japan-us-relations", slug="cultural-exchange")
    assert created.path[: -Section.steplen] == parent.path  # placed under "Current State"
    page.goto(site + f"/admin/sections/section/{created.pk}/change/")
    assert_accessible(page, "section change form")

    # 4. The public contents list the new subsection, and its page shows the photograph with its credit.
    page.goto(site + OVERVIEW)
    contents = page.get_by_role("navigation", name="Contents")
    entry = contents.get_by_role("link", name=re.compile("Cultural Exchange"))
    expect(entry).to_have_attribute("href", "#cultural-exchange")
    entry.click()
    section = page.locator("#cultural-exchange")
    expect(section.locator("strong")).to_have_text("JET Programme")
    figure = section.locator("figure")
    expect(figure.locator("img")).to_have_attribute("alt", "Two ministers shaking hands in front of flags")
    expect(figure).to_contain_text("Ministers shake hands after the talks")
    expect(figure).to_contain_text("Photo: Ministry of Foreign Affairs of Japan")
    assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth") > 0
    assert_accessible(page, "overview with the new subsection")

    # Search finds it too, by its body and by the photograph's credit.
    page.goto(site + "/search/?q=JET+Programme")
    expect(page.locator(".search-result__title a").first).to_have_text("Cultural Exchange")
    page.goto(site + "/search/?q=Ministry+of+Foreign+Affairs+of+Japan")
    expect(page.locator(".search-results")).to_contain_text("Ministers shake hands after the talks")
