"""The reader's page in a real browser: where the contents sit, the heading links, the header and the footer, the
widths from a small phone up. Both editions, since Japanese text wraps and measures differently."""

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from sections.models import Section
from tests.browser.chromium import DESKTOP, PHONE
from tests.factories import jpeg_bytes, make_photo, make_section, place_photo

pytestmark = pytest.mark.browser

OVERVIEW = "/overview-of-japan-us-relations/"
SECTION = OVERVIEW + "security/"
SMALL_PHONE = {"width": 320, "height": 640}
# Two lines at most: the embassy's name (with the language switch) and the navigation.
PHONE_HEADER_MAX_PX = 100
PAGE_TYPES = {
    "overview": OVERVIEW,
    "section page": SECTION,
    "events": "/events/",
    "event": "/events/aso-obama-summit-2009/",
    "search": "/search/?q=alliance",
    "page not found": "/no-such-page/",
}


def open_page(browser, viewport, url, **options):
    context = browser.new_context(viewport=viewport, **options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(url)
    return context, page


def test_section_page_has_its_contents_beside_the_text_on_a_desktop(browser, site):
    context, page = open_page(browser, DESKTOP, site + SECTION)
    try:
        contents = page.get_by_role("navigation", name="In this section")
        title = page.locator("h1")
        text = page.locator("#security")
        contents_box, title_box, text_box = contents.bounding_box(), title.bounding_box(), text.bounding_box()
        assert contents_box["x"] >= text_box["x"] + text_box["width"], "the contents are a column to the right"
        assert abs(contents_box["y"] - title_box["y"]) < 40, "and start level with the section's title"
        expect(contents).to_be_in_viewport()
        # Beside the text all the way down: still in sight when reading the last subsection.
        page.locator("#bmd").scroll_into_view_if_needed()
        expect(contents).to_be_in_viewport()
        # "Back to contents" leads to these contents, not to the bottom of the page.
        page.locator("#security-overview .back-to-contents").click()
        expect(page).to_have_url(re.compile("#contents$"))
        expect(contents).to_be_in_viewport()
    finally:
        context.close()


def test_section_page_on_a_phone_puts_its_contents_first_and_folded(browser, site):
    context, page = open_page(browser, PHONE, site + SECTION)
    try:
        contents = page.get_by_role("navigation", name="In this section")
        assert contents.bounding_box()["y"] < page.locator("h1").bounding_box()["y"]
        assert contents.bounding_box()["width"] > PHONE["width"] - 60, "the full width of the phone"
        expect(contents.get_by_role("link", name=re.compile("Overview"))).to_be_hidden()
        contents.locator("summary").click()
        contents.get_by_role("link", name=re.compile("Ballistic Missile Defense")).click()
        expect(page.locator("#bmd-title")).to_be_in_viewport()
    finally:
        context.close()


def test_section_without_subsections_leaves_no_empty_column(browser, site):
    outlook = make_section(Section.objects.get(slug="overview-of-japan-us-relations"), "Outlook", slug="outlook")
    outlook.body = "A section with text and no subsections."
    outlook.save()
    context, page = open_page(browser, DESKTOP, site + OVERVIEW + "outlook/")
    try:
        expect(page.locator("h1")).to_contain_text("Outlook")
        expect(page.locator("nav.toc")).to_have_count(0)
        # The text keeps its reading width; nothing else is laid out beside it.
        assert page.locator("article.page").evaluate("a => getComputedStyle(a).display") == "block"
    finally:
        context.close()


def test_back_to_contents_sits_on_the_line_of_the_link_beside_it(browser, site):
    context, page = open_page(browser, DESKTOP, site + OVERVIEW)
    try:
        footer = page.locator("#security > .section__footer")
        back = footer.locator(".back-to-contents").bounding_box()
        own_page = footer.locator(".section__own-page").bounding_box()
        assert abs(back["y"] - own_page["y"]) <= 1 and abs(back["height"] - own_page["height"]) <= 1
    finally:
        context.close()


@pytest.mark.parametrize(
    ("prefix", "name"),
    [
        ("", "Copy link to (3) Ballistic Missile Defense (BMD)"),
        ("/ja", "(3) 弾道ミサイル防衛（BMD）へのリンクをコピー"),
    ],
    ids=["english", "japanese"],
)
def test_heading_link_appears_on_focus_and_is_named_in_the_readers_language(browser, bilingual_site, prefix, name):
    context, page = open_page(browser, DESKTOP, bilingual_site + prefix + SECTION)
    try:
        control = page.get_by_role("link", name=name, exact=True)
        expect(control).to_have_count(1)
        opacity = "element => getComputedStyle(element).opacity"
        assert control.evaluate(opacity) == "0", "out of sight while the reader reads"
        # Reached from the keyboard: from the link just before it (the previous subsection's last), one Tab.
        page.locator("#bmd").locator("xpath=preceding-sibling::section[1]").locator("a").last.focus()
        page.keyboard.press("Tab")
        expect(control).to_be_focused()
        page.wait_for_function("element => getComputedStyle(element).opacity === '1'", arg=control.element_handle())
        assert control.evaluate("element => getComputedStyle(element).outlineStyle") == "solid"
        # Hovering the heading shows it too.
        page.locator("h2#security-overview-title").hover()
        hovered = page.locator("#security-overview .section__permalink").first
        page.wait_for_function("element => getComputedStyle(element).opacity === '1'", arg=hovered.element_handle())
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/search/", "/ja/search/"], ids=["english", "japanese"])
def test_footer_sits_at_the_bottom_of_a_short_page(browser, bilingual_site, path):
    context, page = open_page(browser, DESKTOP, bilingual_site + path)
    try:
        footer = page.locator("footer.site-footer").bounding_box()
        assert footer["y"] + footer["height"] == pytest.approx(DESKTOP["height"], abs=1)
        assert page.evaluate("document.documentElement.scrollHeight") <= DESKTOP["height"]
    finally:
        context.close()


@pytest.mark.parametrize("prefix", ["", "/ja"], ids=["english", "japanese"])
def test_phone_header_stays_compact(browser, bilingual_site, prefix):
    context, page = open_page(browser, PHONE, bilingual_site + prefix + OVERVIEW)
    try:
        header = page.locator("header.site-header").bounding_box()
        assert header["height"] <= PHONE_HEADER_MAX_PX
        # Every link in it is still there and on screen: name, navigation, language switch.
        for link in page.locator("header.site-header a").all():
            expect(link).to_be_in_viewport()
    finally:
        context.close()


@pytest.mark.parametrize("prefix", ["", "/ja"], ids=["english", "japanese"])
def test_no_sideways_scrolling_on_a_small_phone(browser, bilingual_site, prefix):
    context, page = open_page(browser, SMALL_PHONE, bilingual_site + prefix + "/")
    try:
        for name, path in PAGE_TYPES.items():
            page.goto(bilingual_site + prefix + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= SMALL_PHONE["width"], f"{name} ({prefix + path}) is {width} px wide"
    finally:
        context.close()


def test_a_portrait_photograph_is_no_taller_than_most_of_the_window(browser, site):
    photo = make_photo(caption="A portrait", alt_text="A standing figure")
    photo.image.save("portrait.jpg", ContentFile(jpeg_bytes(size=(800, 1200))), save=True)
    place_photo(photo, section=Section.objects.get(slug="current-state"), position=99)
    context, page = open_page(browser, DESKTOP, site + OVERVIEW + "current-state/")
    try:
        image = page.get_by_role("img", name="A standing figure")
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        box = image.bounding_box()
        assert box["height"] <= 0.75 * DESKTOP["height"] + 2, "capped at three quarters of the window"
        assert box["width"] / box["height"] == pytest.approx(800 / 1200, rel=0.03), "neither stretched nor cropped"
    finally:
        context.close()
