"""A visitor reads the overview, opens an event, finds its calendar file, searches and opens a result."""

import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_visitor_reads_follows_an_event_and_searches(page, site):
    page.goto(site + "/")
    expect(page.locator("h1")).to_have_text("Overview of Japan-U.S. Relations")
    assert_accessible(page, "home")

    # The contents lead to a subsection on the same page.
    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name=re.compile("Summit Meetings between Prime Minister Aso")).click()
    expect(page).to_have_url(re.compile(r"#aso-obama-summit$"))
    subsection = page.locator("#aso-obama-summit")
    expect(subsection.locator("h3")).to_be_in_viewport()

    # An event listed in that subsection, with its facts and its calendar file.
    subsection.get_by_role("link", name=re.compile("Japan-U.S. summit: Prime Minister Aso")).click()
    expect(page.locator("h1")).to_have_text(re.compile("Japan-U.S. summit"))
    expect(page.locator(".event__facts")).to_contain_text("White House")
    expect(page.locator(".event__facts")).to_contain_text("February 24, 2009")
    assert_accessible(page, "event")
    calendar_link = page.get_by_role("link", name=re.compile("Add to calendar"))
    href = calendar_link.get_attribute("href")
    calendar = page.request.get(site + href)
    assert calendar.ok and calendar.headers["content-type"].startswith("text/calendar")
    body = calendar.text()
    assert body.startswith("BEGIN:VCALENDAR") and "DTSTART;VALUE=DATE:20090224" in body

    # The header's search, a result, and the page it leads to.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    assert_accessible(page, "search without a query")
    page.get_by_label("Search pages, events and photographs").fill("ballistic missile")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".search__status")).to_contain_text("for “ballistic missile”")
    first = page.locator(".search-result__title a").first
    expect(first.locator("mark").first).to_be_visible()
    assert_accessible(page, "search results")
    target = first.get_attribute("href")
    first.click()
    expect(page).to_have_url(site + target)
    expect(page.locator("main")).to_contain_text(re.compile("ballistic missile", re.IGNORECASE))


def test_search_without_results_and_with_japanese_text(page, site):
    page.goto(site + "/search/?q=" + "日米関係")
    expect(page.locator(".search__status")).to_contain_text("No results")
    assert_accessible(page, "search with no results")
    page.goto(site + "/search/?q=" + "%22%29%28*" * 500)
    expect(page.locator("h1")).to_have_text("Search results")


def test_events_year_filter_and_feeds_are_found(page, site):
    page.goto(site + "/events/")
    assert_accessible(page, "events list")
    page.get_by_role("navigation", name="Events by year").get_by_role("link", name="2007").click()
    expect(page.locator("h1")).to_have_text("Events in 2007")
    years = page.locator(".listing__year h2").all_text_contents()
    assert years == ["2007"]
    alternates = page.locator("head link[rel=alternate]")
    hrefs = {alternates.nth(i).get_attribute("href") for i in range(alternates.count())}
    assert {"/events/events.ics", "/events/feed.atom", "/updates.atom"} <= hrefs
    for href in hrefs:  # feeds by path, the page in the other language by full address (hreflang)
        assert page.request.get(urljoin(site + "/", href)).ok
