"""In a real Chromium: upload a photograph from a section's editor, and see the page choose a rendition."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from photos.models import Photo
from publishing.models import Status
from sections.models import Section
from tests.browser.conftest import log_in
from tests.factories import make_page, make_photo, make_section
from tests.photos.files import sized_jpeg

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def media_served(settings):
    """The live server also serves MEDIA_ROOT, which the project does only in development."""
    settings.ROOT_URLCONF = "tests.media_urls"


def test_editor_uploads_a_photograph_from_the_section_form_and_readers_see_it(
    browser, media_served, live_server, staff, tmp_path
):
    page_node = make_page(title="Overview", slug="overview")
    section = make_section(page_node, title="Summit", slug="summit", body="The leaders met.")
    photo_file = tmp_path / "summit.jpg"
    photo_file.write_bytes(sized_jpeg((2400, 1600)))

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/sections/section/{section.pk}/change/")
    page.click("#photo_placements-group .add-row a")
    row = page.locator("#photo_placements-group .dynamic-photo_placements").last
    row.get_by_role("button", name="Choose or upload a photograph").click()
    chooser = page.get_by_role("dialog", name="Choose a photograph")
    chooser.locator("#chooser_image").set_input_files(str(photo_file))
    chooser.get_by_role("textbox", name="Caption").fill("Prime Minister and President at the White House")
    chooser.get_by_role("textbox", name="Credit").fill("Photo: Cabinet Public Relations Office")
    chooser.get_by_label("Alt text").fill("Two leaders shake hands in front of flags")
    chooser.get_by_label("Licence").fill("All rights reserved")
    with page.expect_response("**/chooser/upload/", timeout=60_000):  # the upload makes every rendition first
        chooser.get_by_role("button", name="Upload and choose").click()
    expect(chooser).to_be_hidden()

    photo = Photo.objects.get()
    assert photo.status == Status.DRAFT
    assert page.input_value("#id_photo_placements-0-photo") == str(photo.pk)
    expect(row.locator(".select2-selection__rendered")).to_have_text(photo.caption)
    # The section is published: the change is its draft until it is published with the button, which
    # publishes the new photograph with it.
    page.locator("input[name=with_companions]").check()
    page.click("input[name=_publish]")
    page.wait_for_url(f"{live_server.url}/admin/sections/section/")
    assert Section.objects.get(pk=section.pk).photo_placements.get().photo == photo
    assert Photo.objects.get().status == Status.PUBLISHED

    # A phone, one device pixel per CSS pixel: the column is about 358 pixels wide, so the 640 WebP is chosen.
    reader = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1).new_page()
    reader.goto(f"{live_server.url}/overview/")
    image = reader.locator("figure img")
    image.scroll_into_view_if_needed()
    reader.wait_for_function("document.querySelector('figure img').complete")
    assert image.evaluate("img => img.currentSrc").endswith("-640w.webp")
    assert image.evaluate("img => img.naturalWidth") > 0  # decoded, not a broken image
    assert image.get_attribute("alt") == "Two leaders shake hands in front of flags"
    # A click on the figure opens the large rendition.
    reader.click("figure a")
    reader.wait_for_url("**/*-1920w.jpg")
    assert reader.evaluate("document.images[0].naturalWidth") == 1920


def test_a_photograph_placed_in_a_text_shows_only_while_its_rights_run(browser, media_served, live_server):
    photo = make_photo(caption="Leaders at the summit")
    page_node = make_page(title="Overview", slug="overview")
    make_section(page_node, title="Summit", slug="summit", body=f"The leaders met.\n\n![](/photos/{photo.pk}/image/)")
    reader = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    image = "document.querySelector('#summit img')"
    drawn = f"() => {{ const image = {image}; return image && image.complete && image.naturalWidth; }}"

    reader.goto(f"{live_server.url}/overview/")
    assert reader.wait_for_function(drawn).json_value() > 0  # drawn as the site's figure, with its caption
    assert "Leaders at the summit" in reader.locator("#summit figure figcaption").inner_text()

    photo.rights_expire_on = timezone.localdate()
    photo.save()
    # Another address for the browser's own cache (public pages may be kept a minute); the same page for the site.
    reader.goto(f"{live_server.url}/overview/?after")
    assert "The leaders met." in reader.locator("#summit").inner_text()
    assert reader.evaluate(image) is None  # the text stays; the photograph whose rights ended is left out
    reader.context.close()
