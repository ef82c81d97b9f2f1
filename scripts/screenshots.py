"""Refresh the screenshots in docs/screenshots/ from the demo content.

    python scripts/screenshots.py                  # own temporary database and server
    python scripts/screenshots.py --base-url URL   # a server already running with the demo content

Without --base-url the script builds a throwaway SQLite database and media folder,
loads the demo content, creates a staff account, serves the site on a free
loopback port, takes the pictures with Debian's Chromium and stops the server.
"""

import argparse
import base64
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from django_otp.oath import totp  # noqa: E402

from tests.browser.chromium import DESKTOP, PHONE, launch  # noqa: E402

USERNAME, PASSWORD = "screenshots", "screenshots-only-password-7261"
OVERVIEW = "/overview-of-japan-us-relations/"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server at {url} did not answer within {seconds} s.")


@contextmanager
def demo_server():
    with tempfile.TemporaryDirectory(prefix="embassy-screenshots-") as folder:
        env = {
            **os.environ,
            "DJANGO_DEBUG": "1",
            # As in production: the new staff account sets up its second factor before reaching the admin.
            "DJANGO_REQUIRE_2FA": "1",
            "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
            "MEDIA_ROOT": f"{folder}/media",
            "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        for command in (["migrate", "--noinput"], ["load_demo"], ["load_demo_japanese"]):
            subprocess.run(manage + command, env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(
            manage + ["createsuperuser", "--noinput", "--username", USERNAME, "--email", "screens@example.org"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        port = free_port()
        server = subprocess.Popen(
            manage + ["runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_up(base_url + "/")
            yield base_url, lambda path: production_error_page(manage, env, path)
        finally:
            server.terminate()
            server.wait(timeout=10)


def production_error_page(manage, env, path):
    """The page a reader gets at ``path`` in production (DEBUG off): the development server shows Django's own."""
    code = (
        "import os, sys\n"
        "from django.test import Client, override_settings\n"
        "with override_settings(DEBUG=False):\n"
        "    response = Client(HTTP_HOST='127.0.0.1').get(os.environ['SCREENSHOT_PATH'])\n"
        "sys.stdout.buffer.write(response.content)\n"
    )
    done = subprocess.run(
        manage + ["shell", "--no-imports", "-c", code],
        env={**env, "SCREENSHOT_PATH": path},
        check=True,
        capture_output=True,
    )
    return done.stdout


# Every public page type, at a phone's and a desktop's width, in English and in Japanese.
PUBLIC_PAGE_TYPES = {
    "overview": OVERVIEW,
    "section": OVERVIEW + "security/",
    "events": "/events/",
    "event": "/events/aso-obama-summit-2009/",
    "search": "/search/?q=alliance",
    "not-found": "/no-such-page/",
}
JAPANESE_SEARCH = "/ja/search/?q=" + urllib.parse.quote("同盟")


def take(browser, base_url, out, error_page=None):
    out.mkdir(parents=True, exist_ok=True)

    def shoot(name, path, viewport, full_page=False, prepare=None, context=None):
        page = (context or browser.new_context(viewport=viewport)).new_page()
        if error_page is not None and "no-such-page" in path:
            html = error_page(path)
            page.route(base_url + path, lambda route: route.fulfill(status=404, body=html, content_type="text/html"))
        page.goto(base_url + path)
        if prepare:
            prepare(page)
        # Lazily loaded images on screen may still be arriving after the load event: wait for them.
        page.wait_for_function(
            "[...document.images].filter(image => image.getBoundingClientRect().top < innerHeight)"
            ".every(image => image.complete)"
        )
        page.screenshot(path=str(out / f"{name}.png"), full_page=full_page)
        print(f"{out / name}.png")
        page.close()

    def read_a_while(page):
        page.locator("#security-title").scroll_into_view_if_needed()
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(400)

    for kind, path in PUBLIC_PAGE_TYPES.items():
        for language, prefix in (("", ""), ("-ja", "/ja")):
            address = JAPANESE_SEARCH if (kind, prefix) == ("search", "/ja") else prefix + path
            shoot(f"{kind}{language}-desktop", address, DESKTOP)
            shoot(f"{kind}{language}-phone", address, PHONE)
    shoot("overview-desktop-reading", OVERVIEW, DESKTOP, prepare=read_a_while)
    shoot("overview-phone-contents", OVERVIEW, PHONE, prepare=lambda page: page.click(".toc__summary"))

    staff = browser.new_context(viewport=DESKTOP)
    page = staff.new_page()
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state()
    if "/account/verify/" in page.url:
        raise SystemExit(f"{USERNAME} already has a second factor: use an account that has none yet.")
    # A new account is taken to set up its second factor: the page is photographed, then the code the
    # authenticator app would show for the key it displays is typed in.
    page.wait_for_url("**/account/setup/**")
    page.screenshot(path=str(out / "account-setup.png"))
    print(out / "account-setup.png")
    key = page.inner_text("#totp-key").replace(" ", "")
    page.fill("#id_token", f"{totp(base64.b32decode(key)):06d}")
    page.click("input[type=submit]")
    page.get_by_text("shown only this once").wait_for()
    page.close()

    def open_editor(page):
        added = "\n\nA **new** paragraph, previewed as it will be published."
        page.fill("#id_body", page.input_value("#id_body") + added)
        page.locator(".markdownx-preview strong").first.wait_for()

    shoot("admin-sections", "/admin/sections/section/", DESKTOP, context=staff)
    editor_path = _first_section_change_path(staff, base_url)
    shoot("admin-editing", editor_path, DESKTOP, prepare=open_editor, context=staff)

    def plant_a_problem(page):
        # A vague link and a heading at the section's own level: the checker lists both beside the preview.
        added = "\n\nThe joint statement is online: [click here](https://www.mofa.go.jp/).\n\n## Key programmes"
        page.fill("#id_body", page.input_value("#id_body") + added)
        page.locator(".editor-checker__gate").first.wait_for()
        page.locator(".editor-checker").first.evaluate("panel => panel.scrollIntoView({block: 'end'})")

    def plant_a_problem_on_a_phone(page):
        page.set_viewport_size(PHONE)
        plant_a_problem(page)

    shoot("admin-section-editor-desktop", editor_path, DESKTOP, prepare=plant_a_problem, context=staff)
    shoot("admin-section-editor-phone", editor_path, PHONE, prepare=plant_a_problem_on_a_phone, context=staff)

    def open_the_chooser(page):
        page.click("#photo_placements-group .add-row a")
        page.locator("#photo_placements-group .dynamic-photo_placements .photo-chooser-open").last.click()
        page.locator(".photo-chooser-pick").first.wait_for()

    shoot("admin-photo-chooser", editor_path, DESKTOP, prepare=open_the_chooser, context=staff)
    shoot("admin-audit", "/admin/accounts/auditevent/", DESKTOP, context=staff)

    # A change to the published section, kept as its draft: the change list says so, the compare view shows
    # the changed words, and the preview shows the page as it will be.
    page = staff.new_page()
    page.goto(base_url + editor_path)
    body = page.input_value("#id_body")
    first, _, rest = body.partition("\n\n")
    changed = first.replace(" the ", " the present ", 1) + " The leaders met again in Washington in February 2009."
    page.fill("#id_body", changed + "\n\n" + rest)
    page.click("input[name=_save]")
    page.locator(".messagelist").wait_for()
    page.close()
    section_id = re.search(r"/section/(\d+)/change/", editor_path).group(1)
    shoot("admin-sections-changed", "/admin/sections/section/?state=changed", DESKTOP, context=staff)
    shoot("admin-compare", f"/admin/sections/section/{section_id}/compare/", DESKTOP, context=staff)
    shoot("draft-preview", f"/preview/section/{section_id}/", DESKTOP, context=staff)
    shoot("admin-history", f"/admin/sections/section/{section_id}/history/", DESKTOP, context=staff)
    shoot("admin-translations", "/admin/translations/translationrecord/", DESKTOP, context=staff)
    overview_id = re.search(r"/page/(\d+)/", _first_link(staff, base_url, "/admin/translations/translationrecord/",
                                                          "a[href*='/page/']")).group(1)  # fmt: skip
    shoot("admin-translation-page", f"/admin/translations/translationrecord/page/{overview_id}/#item-",
          DESKTOP, context=staff, prepare=lambda page: page.locator(".translation-out_of_date").first
          .scroll_into_view_if_needed())  # fmt: skip

    def show_the_buttons(page):
        page.locator(".edition-submit-row").scroll_into_view_if_needed()

    shoot("admin-draft-buttons", editor_path, DESKTOP, prepare=show_the_buttons, context=staff)


def _first_link(context, base_url, path, selector):
    page = context.new_page()
    page.goto(base_url + path)
    href = page.locator(selector).first.get_attribute("href")
    page.close()
    return href


def _first_section_change_path(context, base_url):
    page = context.new_page()
    page.goto(base_url + "/admin/sections/section/?q=current-state")
    href = page.locator("#result_list a[href*='/change/']").first.get_attribute("href")
    page.close()
    return href


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", help="use this running server (with the demo content and the staff account)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            if args.base_url:
                take(browser, args.base_url.rstrip("/"), out)
            else:
                with demo_server() as (base_url, error_page):
                    take(browser, base_url, out, error_page)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
