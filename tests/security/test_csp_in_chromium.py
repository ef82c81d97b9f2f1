"""Under the production Content-Security-Policy, public pages and the admin work in a real Chromium with no
policy violation: the markdownx editor (typing, live preview), treebeard's drag and drop, the photo admin."""

import re

import pytest

from .stack import STAFF_PASSWORD, STAFF_USERNAME, authenticator_code

pytestmark = [pytest.mark.browser, pytest.mark.deployment]


class PolicyWatch:
    """Collects every CSP violation the browser reports, from the console and from the DOM event."""

    def __init__(self, page):
        self.violations = []
        page.on("console", self._console)
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => "
            "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample))"
        )
        self.errors = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _console(self, message):
        text = message.text
        if "Content Security Policy" in text or "CSP violation" in text:
            self.violations.append(text)


@pytest.fixture
def page(browser, production_stack):
    context = browser.new_context(
        base_url=f"https://127.0.0.1:{production_stack.https_port}", ignore_https_errors=True, viewport=None
    )
    page = context.new_page()
    page.watch = PolicyWatch(page)
    yield page
    context.close()


def sign_in(page, stack):
    page.goto(f"{stack.admin_url}login/")
    page.fill("#id_username", STAFF_USERNAME)
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("input[type=submit]")
    # The second factor: the code the staff member's authenticator app shows now.
    page.wait_for_url(re.compile(r"/account/verify/"))
    page.get_by_label("Code").fill(authenticator_code())
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"**{stack.admin_url}")


def test_public_pages_show_no_policy_violation(page, production_stack):
    for path in ["/", "/events/", "/no-such-page/"]:
        page.goto(path)
        assert page.locator("header.site-header").is_visible()
    page.goto("/")
    page.locator(".site-nav a").first.click()
    page.goto("/events/")
    page.locator("main a[href^='/events/']:not([href='/events/'])").first.click()
    assert page.locator("h1").is_visible()
    assert page.watch.violations == [] and page.watch.errors == []


def test_markdownx_editor_previews_under_the_admin_policy(page, production_stack):
    sign_in(page, production_stack)
    page.goto(f"{production_stack.admin_url}sections/section/")
    page.locator("th.field-numbered_title a, td.field-numbered_title a").nth(2).click()
    editor = page.locator("textarea#id_body")
    editor.fill("## Preview works\n\nSome *emphasis* <script>window.pwned = 1</script>")
    preview = page.locator(".markdownx:has(#id_body) .markdownx-preview")
    preview.locator("h2").wait_for(timeout=10_000)
    assert preview.locator("h2").inner_text() == "Preview works"
    assert preview.locator("em").inner_text() == "emphasis"
    assert page.evaluate("window.pwned") is None
    assert page.watch.violations == [] and page.watch.errors == []


def test_treebeard_drag_and_drop_moves_a_section(page, production_stack):
    sign_in(page, production_stack)
    page.goto(f"{production_stack.admin_url}sections/section/")
    rows = page.locator("#result_list tbody tr")
    rows.first.wait_for()
    handles = page.locator("#result_list .drag-handler:not(.drag-handler-disabled)")
    assert handles.count() > 2
    titles_before = page.locator("#result_list tbody tr").all_inner_texts()
    handles.nth(2).drag_to(rows.nth(1), target_position={"x": 40, "y": 2})
    page.wait_for_load_state("networkidle")
    page.reload()
    titles_after = page.locator("#result_list tbody tr").all_inner_texts()
    assert titles_after != titles_before, "the drag did not move anything"
    assert page.watch.violations == [] and page.watch.errors == []


def test_photo_admin_pages_show_thumbnails_without_violations(page, production_stack):
    sign_in(page, production_stack)
    page.goto(f"{production_stack.admin_url}photos/photo/")
    thumbnail = page.locator("img.photo-thumbnail").first
    thumbnail.wait_for()
    assert page.evaluate("img => img.naturalWidth", thumbnail.element_handle()) > 0
    page.locator("img.photo-thumbnail").first.click()
    page.locator("#photo_form").wait_for()
    page.goto(f"{production_stack.admin_url}photos/photo/add/")
    assert page.watch.violations == [] and page.watch.errors == []


def test_event_form_widgets_work_under_the_policy(page, production_stack):
    sign_in(page, production_stack)
    page.goto(f"{production_stack.admin_url}events/event/add/")
    page.locator("#id_title").press_sequentially("Policy check reception")
    assert page.input_value("#id_slug") == "policy-check-reception"  # prepopulated from the title
    page.locator(".datetimeshortcuts a").first.click()  # "Today"
    assert page.input_value("#id_starts_on") != ""
    page.locator("#id_section + .select2").click()  # autocomplete (select2)
    page.locator(".select2-search__field").fill("Ballistic")
    page.locator(".select2-results__option", has_text="Ballistic").first.click()
    page.locator(".add-row a").click()  # another photograph inline
    assert page.locator("#photo_placements-group tbody tr.form-row:not(.empty-form)").count() == 1
    page.locator("input[name=_save]").click()
    page.wait_for_url(f"**{production_stack.admin_url}events/event/")
    assert page.locator(".messagelist .success").is_visible()
    page.goto(f"{production_stack.admin_url}sitewide/sitesettings/")
    page.locator("#sitesettings_form").wait_for()
    assert page.watch.violations == [] and page.watch.errors == []
