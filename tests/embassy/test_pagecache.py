"""The public page cache: fast repeats, never stale after an edit, a schedule or a rights expiry."""

import datetime
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from publishing.models import Status
from publishing.pagecache import GENERATION_KEY, next_scheduled_change
from sections.models import Section
from sitewide.models import PhoneLine, SiteSettings
from tests.factories import make_event, make_link, make_page, make_photo, make_section, place_photo

# Every test here is about the page cache itself, so every test has it in front of the site.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

NOON = datetime.datetime(2030, 3, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def page():
    page = make_page(title="Overview", slug="overview", show_in_navigation=True)
    section = make_section(page, "Summits", slug="summits", body="Original text.")
    make_link(section, "Original link", "https://original.example/")
    return page


def html(client, url="/overview/"):
    return client.get(url).content.decode()


def test_a_repeat_visit_is_answered_without_the_database(client, page):
    html(client)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/overview/")
    assert response.status_code == 200 and len(queries) == 0
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=600"
    assert response["ETag"] and response["Last-Modified"]


def test_conditional_get_answers_304(client, page):
    first = client.get("/overview/")
    second = client.get("/overview/")
    assert client.get("/overview/", headers={"if-none-match": second["ETag"]}).status_code == 304
    assert first["ETag"] == second["ETag"]
    modified = client.get("/overview/", headers={"if-modified-since": second["Last-Modified"]})
    assert modified.status_code == 304


def test_a_changed_page_gets_a_new_etag(client, page):
    before = client.get("/overview/")["ETag"]
    Section.objects.filter(slug="summits").first().save()
    section = Section.objects.get(slug="summits")
    section.body = "Edited text."
    section.save()
    after = client.get("/overview/", headers={"if-none-match": before})
    assert after.status_code == 200 and after["ETag"] != before


@pytest.mark.parametrize(
    "edit",
    [
        "section_body",
        "section_title",
        "new_link",
        "link_deleted",
        "photo_caption",
        "new_event",
        "footer_phone",
        "site_name",
        "unpublish_section",
        "delete_section",
        "move_section",
    ],
)
def test_every_kind_of_edit_shows_on_the_next_request(client, page, edit):
    html(client)  # warm the cache
    section = Section.objects.get(slug="summits")
    photo = make_photo(caption="Old caption")
    place_photo(photo, section=section)
    html(client)
    if edit == "section_body":
        section.body = "Changed body text."
        section.save()
        expected, gone = "Changed body text.", "Original text."
    elif edit == "section_title":
        section.title = "Summit meetings"
        section.save()
        expected, gone = "Summit meetings", None
    elif edit == "new_link":
        make_link(section, "Brand new link", "https://new.example/")
        expected, gone = "Brand new link", None
    elif edit == "link_deleted":
        section.related_links.all().delete()
        expected, gone = None, "Original link"
    elif edit == "photo_caption":
        photo.caption = "New caption"
        photo.save()
        expected, gone = "New caption", "Old caption"
    elif edit == "new_event":
        make_event(section, "Newly added summit")
        expected, gone = "Newly added summit", None
    elif edit == "footer_phone":
        PhoneLine.objects.create(
            site_settings=SiteSettings.objects.get_or_create(pk=1)[0], label="Consular", telephone="202-555-0199"
        )
        expected, gone = "202-555-0199", None
    elif edit == "site_name":
        settings = SiteSettings.load()
        settings.embassy_name = "Embassy of Japan in Washington"
        settings.save()
        expected, gone = "Embassy of Japan in Washington", None
    elif edit == "unpublish_section":
        section.status = Status.DRAFT
        section.save()
        expected, gone = None, "Summits"
    elif edit == "delete_section":
        Section.objects.filter(pk=section.pk).delete()
        expected, gone = None, "Summits"
    else:
        other = make_section(page, "Other", slug="other")
        html(client)
        Section.objects.move(Section.objects.get(pk=other.pk), Section.objects.get(pk=section.pk), "left")
        assert html(client).index("Other") < html(client).index("Summits")
        return
    body = html(client)
    if expected:
        assert expected in body
    if gone:
        assert gone not in body


def test_a_draft_never_leaks_through_the_cache(client, staff_client, page):
    draft = make_section(page, "Secret draft", status=Status.DRAFT)
    staff_client.get(f"/preview/section/{draft.pk}/")  # staff render drafts…
    assert "Secret draft" not in html(client)  # …but the public copy is separate
    assert "Secret draft" not in html(client)


def test_staff_bypass_the_cache(staff_client, visitor, page):
    html(visitor)
    section = Section.objects.get(slug="summits")
    Section.objects.filter(pk=section.pk).update(title="Changed behind the back of the cache")
    assert "Changed behind the back of the cache" in html(staff_client)
    assert "Changed behind the back of the cache" not in html(visitor)  # proves the visitor's copy was cached


def test_a_cached_page_does_not_outlive_a_scheduled_publication(client, page):
    make_section(page, "Embargoed statement", publish_at=NOON)
    with time_machine.travel(NOON - timedelta(seconds=1), tick=False):
        assert "Embargoed statement" not in html(client)
        assert "Embargoed statement" not in html(client)
    with time_machine.travel(NOON, tick=False):
        assert "Embargoed statement" in html(client)


def test_a_cached_page_drops_a_photo_when_its_rights_expire(client, page):
    section = Section.objects.get(slug="summits")
    place_photo(make_photo(caption="Agency photograph", rights_expire_on=datetime.date(2030, 3, 2)), section=section)
    with time_machine.travel(datetime.datetime(2030, 3, 1, 23, 59, 59, tzinfo=datetime.UTC), tick=False):
        assert "Agency photograph" in html(client)
    with time_machine.travel(datetime.datetime(2030, 3, 2, 6, 0, tzinfo=datetime.UTC), tick=False):
        assert "Agency photograph" not in html(client)


def test_previews_are_never_cached_for_the_public(visitor, staff_client, page):
    draft = make_section(page, "Draft", status=Status.DRAFT)
    url = f"/preview/section/{draft.pk}/"
    assert staff_client.get(url)["Cache-Control"] == "private, no-store"
    assert visitor.get(url).status_code == 403


@pytest.mark.parametrize(
    ("make_scheduled", "expected"),
    [
        pytest.param(lambda page: make_section(page, "Later", publish_at=NOON), NOON, id="section-publish"),
        pytest.param(lambda page: make_section(page, "Until", unpublish_at=NOON), NOON, id="section-unpublish"),
        pytest.param(lambda page: make_event(publish_at=NOON), NOON, id="event-publish"),
        pytest.param(lambda page: make_event(unpublish_at=NOON), NOON, id="event-unpublish"),
        pytest.param(lambda page: make_photo(publish_at=NOON), NOON, id="photo-publish"),
        pytest.param(lambda page: make_photo(unpublish_at=NOON), NOON, id="photo-unpublish"),
        pytest.param(
            lambda page: make_photo(rights_expire_on=datetime.date(2030, 3, 2)),
            timezone.make_aware(datetime.datetime(2030, 3, 2)),
            id="photo-rights-expiry",
        ),
    ],
)
def test_the_next_scheduled_change_is_found_in_every_kind_of_content(page, make_scheduled, expected):
    before = NOON - timedelta(days=1)
    assert next_scheduled_change(before) is None
    make_section(page, "Long past", publish_at=before - timedelta(days=30))  # a past moment is not a change to come
    make_scheduled(page)
    assert next_scheduled_change(before) == expected
    # Once the moment has passed, the next one after it counts: here, none.
    assert next_scheduled_change(expected + timedelta(seconds=1)) is None


def test_a_page_kept_in_this_process_is_retired_by_an_edit_in_another(client, page):
    """Each app process keeps recent pages in its own memory, keyed by the shared content generation."""
    assert "Original text." in html(client)
    section = Section.objects.get(slug="summits")
    Section.objects.filter(pk=section.pk).update(title="Edited through another app server")
    assert "Edited through another app server" not in html(client)  # still this process's copy
    # What an edit handled by another process does to the shared cache: a new generation.
    cache.incr(GENERATION_KEY)
    assert "Edited through another app server" in html(client)


def test_without_a_shared_cache_no_page_is_kept(client, page, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert "Original text." in html(client)
    Section.objects.filter(slug="summits").update(title="Changed without a signal")
    assert "Changed without a signal" in html(client)
