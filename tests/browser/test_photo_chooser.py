"""In a real Chromium: the photograph chooser, a HEIC from a phone through the photograph form, an upload that
survives a refused form, and change pages that ask for no asset they cannot have."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from photos.images import ACCEPTED_DESCRIPTION  # noqa: F401  (pillow-heif's opener is registered there)
from photos.models import Photo
from publishing.models import Status
from tests.browser.conftest import log_in
from tests.factories import make_page, make_photo, make_section
from tests.photos.files import sized_jpeg

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def media_served(settings):
    """The live server also serves MEDIA_ROOT, which the project does only in development."""
    settings.ROOT_URLCONF = "tests.media_urls"


def open_chooser(page, live_server, section):
    page.goto(f"{live_server.url}/admin/sections/section/{section.pk}/change/")
    page.click("#photo_placements-group .add-row a")
    row = page.locator("#photo_placements-group .dynamic-photo_placements").last
    row.get_by_role("button", name="Choose or upload a photograph").click()
    chooser = page.get_by_role("dialog", name="Choose a photograph")
    expect(chooser.locator(".photo-chooser-count")).to_be_visible()
    return row, chooser


def test_an_editor_searches_the_library_and_picks_a_thumbnail(browser, media_served, live_server, staff, page):
    section = make_section(make_page(title="Overview", slug="overview"), title="Summit", slug="summit")
    wanted = make_photo(caption="Aso and Obama at the White House", credit="Photo: Cabinet Public Relations Office")
    make_photo(caption="Signing of the treaty", credit="Bettmann/CORBIS")
    log_in(page, live_server.url)
    row, chooser = open_chooser(page, live_server, section)
    expect(chooser.locator(".photo-chooser-pick")).to_have_count(2)
    expect(chooser.get_by_role("searchbox")).to_be_focused()
    chooser.get_by_role("searchbox", name="Search by caption or credit").fill("cabinet")
    chooser.get_by_role("button", name="Search").click()
    expect(chooser.locator(".photo-chooser-count")).to_contain_text("1 photograph match “cabinet”")
    picks = chooser.locator(".photo-chooser-pick")
    expect(picks).to_have_count(1)
    assert picks.locator("img").evaluate("img => img.complete && img.naturalWidth") > 0  # a real thumbnail
    picks.first.click()
    expect(chooser).to_be_hidden()
    assert page.input_value("#id_photo_placements-0-photo") == str(wanted.pk)
    expect(row.locator(".select2-selection__rendered")).to_have_text(wanted.caption)
    expect(row.get_by_role("button", name="Choose or upload a photograph")).to_be_focused()
    page.wait_for_load_state("networkidle")
    page.click("input[name=_publish]")
    page.wait_for_url(f"{live_server.url}/admin/sections/section/")
    assert section.photo_placements.get().photo == wanted


def test_an_upload_in_the_chooser_survives_a_refusal_and_is_chosen(browser, media_served, live_server, staff, page,
                                                                   tmp_path):  # fmt: skip
    section = make_section(make_page(title="Overview", slug="overview"), title="Summit", slug="summit")
    photo_file = tmp_path / "summit.jpg"
    photo_file.write_bytes(sized_jpeg((1600, 1200)))
    log_in(page, live_server.url)
    row, chooser = open_chooser(page, live_server, section)
    chooser.locator("#chooser_image").set_input_files(str(photo_file))
    chooser.get_by_role("button", name="Upload and choose").click()  # no caption yet
    expect(chooser.locator(".errornote")).to_contain_text("nothing was uploaded yet")
    expect(chooser.locator(".kept-upload")).to_contain_text("summit.jpg")
    assert not Photo.objects.exists()
    chooser.get_by_role("textbox", name="Caption").fill("Leaders at the summit")
    chooser.get_by_role("button", name="Upload and choose").click()  # the kept file, not chosen again
    expect(chooser).to_be_hidden(timeout=60_000)
    photo = Photo.objects.get()
    assert photo.original_filename == "summit.jpg" and photo.status == Status.DRAFT
    assert page.input_value("#id_photo_placements-0-photo") == str(photo.pk)
    expect(row.locator("td.field-preview")).to_contain_text("Chosen: Leaders at the summit (Draft)")


def heic_file(path):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (40, 90, 160)).save(buffer, format="HEIF")
    path.write_bytes(buffer.getvalue())
    return path


def test_a_heic_from_a_phone_goes_through_the_photograph_form(browser, media_served, live_server, staff, page,
                                                              tmp_path):  # fmt: skip
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/photos/photo/add/")
    page.set_input_files("#id_image", str(heic_file(tmp_path / "IMG_0042.HEIC")))
    page.fill("#id_caption", "From the Ambassador's phone")
    page.fill("#id_credit", "Photo: Embassy of Japan")
    page.fill("#id_alt_text", "The Embassy's garden in spring")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    photo = Photo.objects.get()
    assert photo.image.name.endswith(".jpg") and photo.original_filename == "IMG_0042.HEIC"
    assert (photo.width, photo.height) == (1200, 900)
    page.goto(f"{live_server.url}/admin/photos/photo/{photo.pk}/change/")
    preview = page.locator(".field-large_preview img")
    expect(preview).to_be_visible()
    assert preview.evaluate("img => img.complete && img.naturalWidth") > 0


def test_a_chosen_file_survives_a_refused_photograph_form(browser, media_served, live_server, staff, page, tmp_path):
    photo_file = tmp_path / "agency.jpg"
    photo_file.write_bytes(sized_jpeg((1200, 800)))
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/photos/photo/add/")
    page.set_input_files("#id_image", str(photo_file))
    page.fill("#id_caption", "Agency photograph")
    page.select_option("#id_status", Status.PUBLISHED)  # refused: no credit, no alt text
    page.click("input[name=_save]")
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".kept-upload")).to_contain_text("agency.jpg")
    assert page.input_value("#id_image") == ""  # the browser forgot the file; the form did not
    page.select_option("#id_status", Status.DRAFT)
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert Photo.objects.get().original_filename == "agency.jpg"


def test_change_pages_ask_for_no_asset_that_is_not_there(browser, live_server, staff, page):
    """Every request a change page makes by itself (styles, scripts, the checker's) answers without a redirect."""
    page_node = make_page(title="Overview", slug="overview")
    section = make_section(page_node, title="Summit", slug="summit", body="The leaders met.")
    log_in(page, live_server.url)
    answers = []
    page.on("response", lambda response: answers.append((response.status, response.url)))
    for path in (f"/admin/sections/section/{section.pk}/change/", "/admin/sections/section/add/",
                 "/admin/photos/photo/add/", "/admin/events/event/add/"):  # fmt: skip
        answers.clear()
        page.goto(live_server.url + path)
        expect(page.locator(".markdownx, #photo_form").first).to_be_visible()
        page.wait_for_timeout(1500)  # the preview and the checker's run, which asked for widgets.css
        page.wait_for_load_state("networkidle")
        page_address = live_server.url + path
        wrong = [(status, url) for status, url in answers if status >= 300 and status != 304]
        under_the_page = [url for _status, url in answers if url.startswith(page_address) and url != page_address]
        assert not wrong, (path, wrong)
        assert not under_the_page, (path, under_the_page)
