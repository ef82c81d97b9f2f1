"""Bad input gets a 4xx or a form error, never a 500, never half-saved data, never a file left behind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from events.models import Event
from photos.models import Photo
from sections.models import Section
from tests.factories import jpeg_bytes, make_event, make_page
from tests.signin import sign_in_with_second_factor

pytestmark = pytest.mark.django_db


def files_in(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def event_form(**overrides):
    data = {
        "title": "Summit",
        "slug": "summit",
        "section": "",
        "summary": "",
        "body": "",
        "starts_on": "2009-02-24",
        "date_precision": "day",
        "location": "",
        "participants": "",
        "status": "draft",
        "photo_placements-TOTAL_FORMS": "0",
        "photo_placements-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/events/?page=" + "9" * 100_000, 400),
        ("/events/?page=" + "9" * 3_000, 200),
        ("/events/?page=-1", 200),
        ("/events/?page=%ff%fe", 200),
        ("/%ff%fe%fd/", 404),
        ("/events/%c0%af/", 404),
        ("/no-such-page/", 404),
        ("/events/no-such-event/", 404),
        ("/events/" + "a" * 5_000 + "/", 404),
        ("/overview/?" + "&".join(f"f{i}=x" for i in range(5_000)), 400),
        ("/overview/?" + "&".join(f"f{i}=x" for i in range(500)), 200),
    ],
)
def test_odd_public_requests_get_a_clear_answer(visitor, path, status):
    make_page(slug="overview")
    make_event(slug="summit")
    assert visitor.get(path).status_code == status


@pytest.mark.parametrize(
    ("query", "ok"),
    [
        ("?q=" + "x" * 50_000, {400}),
        ("?q=" + "%" * 1_300, {200}),
        ("?page=abc", {200, 302}),
        ("?page=999999", {200, 302}),
        ("?status=bogus", {200, 302}),
        ("?o=999", {200, 302}),
        ("?p=-5", {200, 302, 404}),
    ],
)
def test_odd_admin_list_parameters_never_crash(staff, query, ok):
    make_page(slug="overview")
    assert staff.get(reverse("admin:sections_section_changelist") + query).status_code in ok


def test_admin_lists_refuse_lookups_that_could_read_other_tables(staff):
    url = reverse("admin:photos_photo_changelist") + "?uploaded_by__password__startswith=md5"
    assert staff.get(url).status_code == 400


def test_a_10000_character_title_is_a_form_error_and_saves_nothing(staff):
    response = staff.post(reverse("admin:events_event_add"), event_form(title="T" * 10_000))
    assert response.status_code == 200
    assert "Ensure this value has at most 255 characters (it has 10000)" in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("starts_on", "2009-02-30"),
        ("starts_on", "not a date"),
        ("starts_on", "99999-01-01"),
        ("starts_on", "2009-13-01"),
        ("ends_on", "2009-02-31"),
        ("start_time", "25:61"),
        ("publish_at_0", "yesterday"),
    ],
)
def test_malformed_dates_are_form_errors(staff, field, value):
    response = staff.post(reverse("admin:events_event_add"), event_form(**{field: value}))
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert not Event.objects.exists()


def test_nul_characters_are_a_form_error(staff):
    response = staff.post(reverse("admin:events_event_add"), event_form(title="Sum\x00mit"))
    assert response.status_code == 200 and "Null characters are not allowed" in response.content.decode()
    assert not Event.objects.exists()


def test_non_utf8_bytes_in_a_form_never_crash(staff):
    body = "&".join(f"{key}={value}" for key, value in event_form().items()).replace("title=Summit", "title=Sum%ff%fe")
    response = staff.post(
        reverse("admin:events_event_add"), body.encode(), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 302)
    for event in Event.objects.all():
        assert event.title == "Sum\ufffd\ufffd"  # shown as replacement characters, never as raw bytes


def test_an_oversized_form_body_is_refused_with_400(staff, settings):
    response = staff.post(
        reverse("admin:events_event_add"), event_form(body="x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))
    )
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_too_many_fields_are_refused_with_400(staff, settings):
    data = event_form(**{f"extra-{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)})
    assert staff.post(reverse("admin:events_event_add"), data).status_code == 400
    assert not Event.objects.exists()


def test_too_many_files_are_refused_with_400(staff, settings, isolated_media):
    files = [
        SimpleUploadedFile(f"{i}.jpg", jpeg_bytes(), content_type="image/jpeg")
        for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    ]
    assert staff.post("/markdownx/upload/", {"image": files}).status_code == 400
    assert not Photo.objects.exists() and files_in(isolated_media) == []


def test_an_oversized_upload_is_a_form_error_and_stores_nothing(staff, settings, isolated_media):
    settings.PHOTO_MAX_UPLOAD_BYTES = 1000
    upload = SimpleUploadedFile("big.jpg", jpeg_bytes((400, 400)), content_type="image/jpeg")
    response = staff.post(
        reverse("admin:photos_photo_add"),
        {"image": upload, "caption": "Big", "credit": "x", "alt_text": "x", "status": "draft"},
    )
    assert response.status_code == 200 and "the limit is" in response.content.decode()
    assert not Photo.objects.exists() and files_in(isolated_media) == []


@pytest.mark.django_db(transaction=True)
class TestFilesOfFailedRequests:
    """With real commits: what a request stored stays only if the request's transaction committed."""

    @pytest.fixture(autouse=True)
    def failing_urls(self, settings):
        settings.ROOT_URLCONF = "tests.security.urls_failing"
        settings.DEBUG = False

    def test_a_file_stored_before_a_crash_is_removed(self, isolated_media):
        client = Client(raise_request_exception=False)
        assert client.get("/test-store-then-crash/").status_code == 500
        assert files_in(isolated_media) == []

    def test_a_photo_saved_in_a_rolled_back_step_leaves_no_file(self, isolated_media):
        response = Client().get("/test-store-rolled-back/")
        assert response.status_code == 200
        assert not Photo.objects.exists() and files_in(isolated_media) == []

    def test_a_committed_photo_keeps_its_file(self, isolated_media):
        response = Client().get("/test-store-and-succeed/")
        photo = Photo.objects.get(pk=int(response.content))
        assert files_in(isolated_media) == sorted(photo.file_names())

    def test_a_section_saved_with_a_failing_inline_keeps_nothing(self, staff_user, isolated_media):
        client = Client()
        sign_in_with_second_factor(client, staff_user)
        page = make_page(slug="overview")
        data = {
            "title": "New",
            "slug": "new",
            "summary": "",
            "body": "",
            "status": "draft",
            "date_precision": "day",
            "treebeard_position": "first-child",
            "treebeard_ref_node": str(page.pk),
            "photo_placements-TOTAL_FORMS": "0",
            "photo_placements-INITIAL_FORMS": "0",
            "related_links-TOTAL_FORMS": "1",
            "related_links-INITIAL_FORMS": "0",
            "related_links-0-title": "T" * 10_000,
            "related_links-0-url": "https://example.org/",
            "related_links-0-position": "1",
        }
        response = client.post(reverse("admin:sections_section_add"), data)
        assert response.status_code == 200
        assert list(Section.objects.values_list("slug", flat=True)) == ["overview"]
