"""Reading aids in a real browser: contents that follow the reader, heading links that copy, phones, print,
old links."""

import re

import pytest
from playwright.sync_api import expect

from sections.models import Section
from tests.browser.chromium import PHONE

pytestmark = pytest.mark.browser

OVERVIEW = "/overview-of-japan-us-relations/"


def test_side_contents_show_the_section_being_read(page, site):
    page.goto(site + OVERVIEW)
    contents = page.locator("nav.toc")
    expect(contents.locator("details")).to_have_attribute("open", "")
    box = contents.bounding_box()
    assert box["x"] > 1366 / 2, "on a wide screen the contents sit in a column to the right"

    page.locator("#economic").evaluate("element => element.scrollIntoView()")
    current = contents.locator('a[aria-current="location"]')
    expect(current).to_have_count(1)
    # The highlighted entry is "3. Economic" or one of its subsections, whichever is at the top of the window.
    expect(contents.locator('li:has(> a[href="#economic"]) a[aria-current="location"]')).to_have_count(1)
    expect(contents).to_be_in_viewport()  # sticky beside the text

    page.locator("#global-warming").evaluate("element => element.scrollIntoView()")
    expect(current).to_have_attribute("href", "#global-warming")


def test_heading_link_copies_the_sections_address_and_says_so(browser, site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(site + OVERVIEW)
        section = page.locator("#security")
        link = section.get_by_role("link", name=re.compile("^Copy link to 2. Japan-U.S. Security"))
        expect(link).to_have_count(1)  # one control per heading, named by what it does
        expect(link).to_have_attribute("href", "#security")
        link.click()
        expect(page.get_by_role("status")).to_have_text("Link copied")
        assert page.evaluate("navigator.clipboard.readText()") == site + OVERVIEW + "#security"
        expect(page).to_have_url(site + OVERVIEW + "#security")  # still a link: the address bar has it too
    finally:
        context.close()


def test_phone_contents_fold_and_unfold_without_javascript(browser, site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site + OVERVIEW)
        details = page.locator("nav.toc details")
        expect(details).to_have_attribute("open", "")
        # Without scripts the heading's control is a plain link to the section, and says so.
        expect(page.locator("#security").get_by_role("link", name=re.compile("^Link to 2. Japan-U.S."))).to_have_count(
            1
        )
        expect(page.locator("main button")).to_have_count(0)
        first_entry = page.locator("nav.toc a").first
        expect(first_entry).to_be_visible()
        page.locator("nav.toc summary").click()
        expect(first_entry).to_be_hidden()
        page.locator("nav.toc summary").click()
        expect(first_entry).to_be_visible()
    finally:
        context.close()


def test_phone_contents_start_folded_at_the_top_with_javascript(browser, site):
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site + OVERVIEW)
        summary = page.locator("nav.toc summary")
        expect(summary).to_be_in_viewport()
        first_entry = page.locator("nav.toc a").first
        expect(first_entry).to_be_hidden()
        summary.click()
        expect(first_entry).to_be_visible()
        first_entry.click()
        expect(page.locator("#current-state-title")).to_be_in_viewport()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"
    finally:
        context.close()


def test_print_shows_the_text_and_link_addresses_without_navigation(page, site):
    page.goto(site + OVERVIEW)
    page.emulate_media(media="print")
    for selector in (
        ".site-header",
        "nav.toc",
        ".breadcrumbs",
        ".section__permalink",
        ".section__footer",
        ".page__footer",
    ):
        expect(page.locator(selector).first).to_be_hidden()
    external = page.locator('.related-links a[href^="http"]').first
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert after == f'" ({external.get_attribute("href")})"'
    internal = page.locator('.event-summary a[href^="/"]').first
    assert internal.evaluate("a => getComputedStyle(a, '::after').content") == "none"
    figure = page.locator("figure").first
    assert figure.evaluate("f => getComputedStyle(f).breakInside") == "avoid"
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")


def test_old_anchor_of_a_renamed_section_still_arrives(page, site):
    section = Section.objects.get(slug="bmd")
    section.slug = "ballistic-missile-defense"
    section.save()
    page.goto(site + OVERVIEW + "#bmd")
    heading = page.locator("#ballistic-missile-defense-title")
    expect(heading).to_be_in_viewport()
    assert page.locator("#bmd").evaluate("anchor => anchor.closest('section').id") == "ballistic-missile-defense"


def test_single_section_page_with_previous_and_next(page, site):
    page.goto(site + OVERVIEW + "security/")
    expect(page.locator("h1")).to_have_text(re.compile("2. Japan-U.S. Security Relationship"))
    pager = page.get_by_role("navigation", name=re.compile("Other parts"))
    pager.get_by_role("link", name=re.compile("Next")).click()
    expect(page).to_have_url(site + OVERVIEW + "economic/")
    pager = page.get_by_role("navigation", name=re.compile("Other parts"))
    pager.get_by_role("link", name=re.compile("Previous")).click()
    expect(page).to_have_url(site + OVERVIEW + "security/")


def test_keyboard_reaches_the_content_first_and_focus_is_visible(page, site):
    page.goto(site + OVERVIEW)
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to content")
    expect(skip).to_be_in_viewport()
    assert skip.evaluate("element => getComputedStyle(element).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.evaluate("element => element.closest('main') !== null")
    assert focused.evaluate("element => getComputedStyle(element).outlineStyle") == "solid"
