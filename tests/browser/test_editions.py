"""An Editor changes a published subsection of the overview, adds a photograph and an event, and submits it;
the public page is unchanged; a Publisher compares, previews and schedules it, and at its moment the public
page shows the change."""

import datetime
import re
import time

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event
from photos.models import Photo
from publishing.models import Status
from sections.models import Section
from tests.signin import add_authenticator, current_code

pytestmark = pytest.mark.browser

OVERVIEW = "/overview-of-japan-us-relations/"
PASSWORD = "a-long-browser-test-password"
NEW_SENTENCE = "The two leaders met again in Washington to renew the alliance."


@pytest.fixture
def people(django_user_model, site):
    """An Editor and a Publisher, each with an authenticator app."""
    people = {}
    for username, group in [("eddie", "Editor"), ("pat", "Publisher")]:
        user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        people[group] = user
    return people


def sign_in(browser, base_url, user):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    device = add_authenticator(user)
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/account/verify/"))
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"{base_url}/admin/")
    return page


def public_text(browser, url):
    page = browser.new_page()
    page.goto(url)
    text = page.inner_text("main")
    page.close()
    return text


def test_an_editor_drafts_a_change_and_a_publisher_schedules_it(browser, site, people):
    parent = Section.objects.get(slug="current-state")
    subsection = Section.objects.get_children(parent).first()
    photo = Photo.objects.exclude(placements__section=subsection).filter(status=Status.PUBLISHED).first()
    Event.objects.create(section=subsection, title="Leaders' working lunch", slug="leaders-working-lunch",
                         starts_on=datetime.date(2009, 2, 24), status=Status.DRAFT)  # fmt: skip

    # The Editor changes the text, adds a photograph and submits the change for review.
    editor = sign_in(browser, site, people["Editor"])
    editor.goto(f"{site}/admin/sections/section/{subsection.pk}/change/")
    expect(editor.locator(".edition-bar")).to_contain_text("Published")
    body = editor.locator("#id_body")
    body.fill(NEW_SENTENCE + "\n\n" + body.input_value())
    editor.locator("#photo_placements-group .add-row a").click()
    row = editor.locator("#photo_placements-group .dynamic-photo_placements").last
    row.locator(".select2-selection").click()  # the admin's autocomplete
    words = " ".join(photo.caption.split()[:3])
    editor.locator(".select2-search__field").fill(words)
    editor.locator(".select2-results__option", has_text=words).first.click()
    expect(editor.locator("input[name=_publish]")).to_have_count(0)  # an Editor cannot publish
    # The live preview and the autocomplete have finished talking to the server, as a person reading would see.
    # (The test server's shared in-memory SQLite refuses a write while another thread reads.)
    editor.wait_for_load_state("networkidle")
    editor.get_by_role("button", name="Save and submit for review").click()
    expect(editor.locator(".messagelist")).to_contain_text("wait for a publisher's review")
    expect(editor.locator(".edition-bar")).to_contain_text("Published; changes awaiting review")

    assert NEW_SENTENCE not in public_text(browser, site + OVERVIEW)

    # The Publisher finds it waiting, compares, previews and schedules it.
    publisher = sign_in(browser, site, people["Publisher"])
    publisher.locator("#awaiting-review").get_by_role("link", name=subsection.title).click()
    publisher.get_by_role("link", name="Compare the draft with the published version").click()
    expect(publisher.locator(".compare-text ins").first).to_contain_text("met again in Washington")
    width = publisher.evaluate("document.querySelector('.compare-text').scrollWidth")
    assert width <= publisher.evaluate("document.querySelector('.compare-text').clientWidth")  # it wraps
    expect(publisher.locator(".edition-compare")).to_contain_text(f"Added: Photograph: {photo}")
    publisher.go_back()
    with publisher.expect_navigation():
        publisher.get_by_role("link", name="Preview the draft").click()
    expect(publisher.locator(".preview-banner")).to_contain_text("Not public")
    expect(publisher.locator("main")).to_contain_text(NEW_SENTENCE)
    expect(publisher.locator("main")).to_contain_text("Leaders' working lunch")
    publisher.go_back()

    go_live = timezone.localtime(timezone.now() + datetime.timedelta(seconds=12)).replace(microsecond=0)
    publisher.locator("#id_go_live_at").fill(go_live.strftime("%Y-%m-%dT%H:%M:%S"))
    publisher.locator("input[name=with_companions]").check()
    publisher.wait_for_load_state("networkidle")
    publisher.get_by_role("button", name="Save and schedule").click()
    expect(publisher.locator(".messagelist")).to_contain_text("will change on")
    assert NEW_SENTENCE not in public_text(browser, site + OVERVIEW)

    deadline = time.monotonic() + 40
    while NEW_SENTENCE not in (text := public_text(browser, site + OVERVIEW)) and time.monotonic() < deadline:
        time.sleep(1)
    assert timezone.now() >= go_live
    assert NEW_SENTENCE in text and "Leaders' working lunch" in text
    assert Event.objects.get(slug="leaders-working-lunch").status == Status.PUBLISHED
