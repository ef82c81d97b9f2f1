"""Real-browser tests: Debian's Chromium, driven by Playwright, against Django's live test server.

Playwright's synchronous API keeps an event loop running in this thread, and
Django refuses ORM calls from a thread with a running loop unless told that
this is intended. Our test code is synchronous and only reads or prepares rows
between browser steps, so it is.
"""

import base64
import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_otp.oath import totp
from playwright.sync_api import Error as PlaywrightError

from tests.browser.chromium import DESKTOP
from tests.signin import add_authenticator, current_code

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
STAFF_USERNAME = "editor"
STAFF_PASSWORD = "a-long-browser-test-password"
AXE = Axe()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context, request):
    """A browser tab; if the test fails, what it showed is saved to test-artifacts/."""
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is None or report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        for number, open_page in enumerate(context.pages):
            suffix = f"-{number}" if number else ""
            open_page.screenshot(path=str(ARTIFACTS / f"{name}{suffix}.png"), full_page=True)


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's address, with the demo content loaded."""
    call_command("load_demo", stdout=open(os.devnull, "w"))
    return live_server.url


@pytest.fixture
def bilingual_site(site):
    """The live server's address, with the demo content in English and Japanese."""
    call_command("load_demo_japanese", stdout=open(os.devnull, "w"))
    return site


@pytest.fixture
def staff(django_user_model, transactional_db):
    return django_user_model.objects.create_superuser(STAFF_USERNAME, "editor@example.org", STAFF_PASSWORD)


def log_in(page, base_url):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(STAFF_USERNAME)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    # The second factor, through its real pages, with the code an authenticator app would show.
    page.wait_for_url(re.compile(r"/admin/account/(setup|verify)/"))
    if "/setup/" in page.url:
        # A new account: the key shown on the set-up page goes into the "app", then its recovery codes.
        key = base64.b32decode(page.inner_text("#totp-key").replace(" ", ""))
        page.get_by_label("Code").fill(f"{totp(key):06d}")
        page.get_by_role("button", name="Confirm and continue").click()
        page.get_by_role("link", name="I have kept them: continue").click()
    else:
        # A device of the staff member's, new for each sign-in, since a code is accepted only once.
        device = add_authenticator(get_user_model().objects.get(username=STAFF_USERNAME))
        page.get_by_label("Code").fill(current_code(device))
        page.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"{base_url}/admin/")


def assert_accessible(page, where=""):
    """No axe-core violations (WCAG 2.x A/AA and best practices) on what the page shows now.

    The editor's own checker runs axe on its preview; axe runs one check at a time on a page, so this one waits
    for the checker's to finish, and tries again if the checker started another meanwhile (at most three times).
    """
    for attempt in range(3):
        page.wait_for_function("() => !document.documentElement.hasAttribute('data-a11y-checking')", timeout=10_000)
        try:
            results = AXE.run(page)
            break
        except PlaywrightError as error:
            if "already running" not in str(error) or attempt == 2:
                raise
            page.wait_for_timeout(300)
    violations = results.response["violations"]
    details = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
        + "\n".join(f"    {node['target']} {node['html'][:200]}" for node in violation["nodes"])
        for violation in violations
    ]
    assert not violations, f"axe found {len(violations)} violation(s) on {where or page.url}:\n" + "\n".join(details)
