"""axe-core on every page type, in English and Japanese, on a phone and on a desktop, and on the admin pages the
project customises."""

import pytest
from playwright.sync_api import expect

from events.models import Event
from sections.models import Section, ShareLink
from tests.browser.chromium import DESKTOP, PHONE
from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.browser

OVERVIEW = "/overview-of-japan-us-relations/"
PUBLIC_PAGES = {
    "home": "/",
    "overview": OVERVIEW,
    "single section": OVERVIEW + "security/",
    "plain page": "/legal-matters/",
    "events list": "/events/",
    "events of a year": "/events/?year=2005",
    "event": "/events/aso-obama-summit-2009/",
    "search form": "/search/",
    "search results": "/search/?q=alliance",
    "search without results": "/search/?q=nothing-matches-this",
    "page not found": "/no-such-page/",
}
# From the photographs work; checked as soon as the site serves it.
OPTIONAL_PAGES = {"photo credits": "/photo-credits/"}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("prefix", ["", "/ja"], ids=["english", "japanese"])
def test_public_pages_have_no_axe_violations(browser, bilingual_site, viewport, prefix):
    site = bilingual_site
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        pages = {name: prefix + path for name, path in PUBLIC_PAGES.items()}
        pages.update({name: prefix + path for name, path in OPTIONAL_PAGES.items() if page.request.get(site + path).ok})
        for name, path in pages.items():
            response = page.goto(site + path)
            assert response.status == (404 if name == "page not found" else 200), name
            expect(page.locator("h1")).to_have_count(1)
            assert page.locator("html").get_attribute("lang") == (prefix[1:] or "en")
            assert_accessible(page, f"{name} ({path}) at {viewport['width']} px")
    finally:
        context.close()


def test_headings_are_in_order_and_images_have_alt_text(page, site):
    for path in (OVERVIEW, OVERVIEW + "security/", "/events/aso-obama-summit-2009/", "/search/?q=treaty"):
        page.goto(site + path)
        levels = page.locator("main :is(h1, h2, h3, h4, h5, h6)").evaluate_all(
            "headings => headings.map(h => Number(h.tagName[1]))"
        )
        assert levels[0] == 1 and levels.count(1) == 1, path
        assert all(after - before <= 1 for before, after in zip(levels, levels[1:], strict=False)), (path, levels)
        assert page.locator("img:not([alt])").count() == 0, path
        assert page.locator("html").get_attribute("lang") == "en"


def test_admin_pages_the_project_customises_have_no_axe_violations(page, site, staff):
    log_in(page, site)
    section = Section.objects.get(slug="current-state")
    event = Event.objects.get(slug="aso-obama-summit-2009")
    photo = section.photo_placements.first().photo
    pages = {
        "admin index": "/admin/",
        "section changelist": "/admin/sections/section/",
        "section change form": f"/admin/sections/section/{section.pk}/change/",
        "section add form": "/admin/sections/section/add/",
        "photo changelist": "/admin/photos/photo/",
        "photo change form": f"/admin/photos/photo/{photo.pk}/change/",
        "photo add form": "/admin/photos/photo/add/",
        "event changelist": "/admin/events/event/",
        "event change form": f"/admin/events/event/{event.pk}/change/",
        "site settings": "/admin/sitewide/sitesettings/1/change/",
    }
    for name, path in pages.items():
        assert page.goto(site + path).ok, name
        page.wait_for_load_state("networkidle")
        assert_accessible(page, f"{name} ({path})")
    # The photograph chooser, open over the section editor, with its thumbnails and upload form.
    page.goto(site + f"/admin/sections/section/{section.pk}/change/")
    page.click("#photo_placements-group .add-row a")
    page.locator("#photo_placements-group .dynamic-photo_placements .photo-chooser-open").last.click()
    page.locator(".photo-chooser-pick").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert_accessible(page, "photograph chooser")
    # A share link's page, with its address and copy button.
    share = ShareLink.objects.create(page=section.page or section)
    for name, path in {"share link": f"/admin/sections/sharelink/{share.pk}/change/",
                       "share links": "/admin/sections/sharelink/"}.items():  # fmt: skip
        assert page.goto(site + path).ok, name
        assert_accessible(page, f"{name} ({path})")
    # Expanding a branch of the tree adds rows: they are named too.
    page.goto(site + "/admin/sections/section/")
    page.locator("a.treebeard-collapse").first.click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page, "section changelist with a branch open")
