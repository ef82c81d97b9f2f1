"""The public page cache: fast repeats, never stale after an edit, a schedule or a rights expiry."""

import datetime
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.views import EVENTS_PER_PAGE
from publishing.models import Status
from publishing.pagecache import GENERATION_KEY, next_scheduled_change, recent_pages
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


PAGE_CACHE_MIDDLEWARE = "publishing.pagecache.PublicPageCacheMiddleware"


@pytest.fixture
def file_cache(settings, tmp_path):
    """The page cache on, in Django's file-based cache as production runs it without Redis: its folder."""
    folder = tmp_path / "cache"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(folder)}
    }
    if PAGE_CACHE_MIDDLEWARE not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = django_settings.MIDDLEWARE[:1] + [PAGE_CACHE_MIDDLEWARE] + django_settings.MIDDLEWARE[1:]
    recent_pages.clear()
    yield folder
    recent_pages.clear()


def entries(folder):
    return len(list(folder.glob("*.djcache")))


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(queries)


def test_made_up_query_strings_add_no_cache_entries(client, page, file_cache):
    make_event(title="Summit", starts_on=datetime.date(2009, 2, 24))
    for url in ("/overview/", "/events/", "/search/"):
        client.get(url)
    stored = entries(file_cache)
    junk = [
        *(f"/overview/?m={number}" for number in range(20)),
        *(f"/overview/?utm_source=mail&utm_campaign=c{number}" for number in range(20)),
        *(f"/events/?page={number}" for number in (0, 1, -1, 99, 100, 12345, "abc", "")),
        *(f"/events/?year=&page=1&n={number}" for number in range(10)),
        *(f"/search/?q=one-off+{number}" for number in range(20)),
    ]
    for url in junk:
        assert client.get(url).status_code == 200, url
    assert entries(file_cache) == stored


def test_the_parameters_a_page_reads_still_vary_it(client, file_cache):
    make_event(title="Old summit", starts_on=datetime.date(2005, 2, 19))
    make_event(title="New summit", starts_on=datetime.date(2009, 2, 24))
    for year, shown, hidden in ((2005, "Old summit", "New summit"), (2009, "New summit", "Old summit")):
        for _ in range(2):  # rendered, then from the cache
            body = html(client, f"/events/?year={year}")
            assert shown in body and hidden not in body
    for day in range(EVENTS_PER_PAGE):
        make_event(title=f"Later {day}", starts_on=datetime.date(2009, 3, 1) + timedelta(days=day))
    first, second = html(client, "/events/?year=2009"), html(client, "/events/?year=2009&page=2")
    assert "New summit" not in first and "New summit" in second


def test_the_same_parameters_in_another_form_get_the_cached_page(client, file_cache):
    make_event(title="Summit", starts_on=datetime.date(2009, 2, 24))
    queries_for(client, "/events/?year=2009")
    stored = entries(file_cache)
    for url in ("/events/?year=2009&page=1", "/events/?page=&year=2009", "/events/?year=2005&year=2009"):
        response, count = queries_for(client, url)
        assert count == 0 and "Summit" in response.content.decode(), url
    assert entries(file_cache) == stored


def test_a_tracking_parameter_gets_the_same_cached_page(client, page, file_cache):
    plain, _ = queries_for(client, "/overview/")
    tracked, count = queries_for(client, "/overview/?utm_source=newsletter&utm_medium=email&fbclid=abc")
    assert count == 0
    assert tracked.content == plain.content and tracked["ETag"] == plain["ETag"]


def test_a_search_with_a_query_is_rendered_for_that_request_alone(client, page, file_cache):
    client.get("/overview/")  # the content generation, the schedule and the site chrome are stored
    stored = entries(file_cache)
    for _ in range(2):
        response, count = queries_for(client, "/search/?q=summits")
        assert count > 0 and "Summits" in response.content.decode()
        assert "public" not in response.get("Cache-Control", "")  # nginx's micro-cache keeps it out too
    assert entries(file_cache) == stored


def test_a_weak_etag_from_the_browser_gets_304(client, page):
    etag = client.get("/overview/")["ETag"]
    assert client.get("/overview/", headers={"if-none-match": f"W/{etag}"}).status_code == 304
    assert client.get("/overview/", headers={"if-none-match": f'"other", W/{etag}'}).status_code == 304
    assert client.get("/overview/", headers={"if-none-match": '"other"'}).status_code == 200


def test_if_modified_since_gets_304_only_for_a_current_copy(client, page):
    last_modified = client.get("/overview/")["Last-Modified"]
    assert client.get("/overview/", headers={"if-modified-since": last_modified}).status_code == 304
    earlier = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert client.get("/overview/", headers={"if-modified-since": earlier}).status_code == 200


def test_a_304_carries_the_validators_and_the_caching_rules(client, page):
    first = client.get("/overview/")
    not_modified = client.get("/overview/", headers={"if-none-match": first["ETag"]})
    assert not_modified.status_code == 304 and not_modified.content == b""
    for name in ("ETag", "Last-Modified", "Cache-Control"):
        assert not_modified[name] == first[name], name
