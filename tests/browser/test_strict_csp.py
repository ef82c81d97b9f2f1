"""The public pages need no inline script or style: under a strict Content Security Policy nothing is refused.

The policy is added to the responses here, in the browser, so that this holds
whatever the site's own headers are. JSON-LD (<script type="application/ld+json">)
is data, not script, and is never subject to script-src.
"""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.test_accessibility import PUBLIC_PAGES

pytestmark = pytest.mark.browser

STRICT_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'"


def test_public_pages_run_under_a_strict_content_security_policy(page, site):
    def add_policy(route):
        try:
            response = route.fetch()
            route.fulfill(response=response, headers={**response.headers, "content-security-policy": STRICT_POLICY})
        except PlaywrightError:
            # The tab moved on to the next page before this request finished;
            # there is nothing left to fulfil.
            pass

    page.route(f"{site}/**", add_policy)
    page.add_init_script(
        "window.refused = [];"
        "document.addEventListener('securitypolicyviolation',"
        " event => window.refused.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline')));"
    )
    try:
        for name, path in PUBLIC_PAGES.items():
            page.goto(site + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.refused") == [], f"{name} ({path})"
        # The page's script still runs: it turns each heading's link into one that copies the address.
        page.goto(site + "/overview-of-japan-us-relations/")
        expect(page.get_by_role("link", name=re.compile("^Copy link to 1. ")).first).to_have_count(1)
    finally:
        # A late request (a lazy image) may still be in the handler when the tab
        # closes; waiting for it here keeps its error out of the next test.
        page.unroute_all(behavior="wait")
