"""Every public page answers in a fixed, small number of SQL queries, however large the site grows.

Each page is rendered on the demo content, then again after ``make_large_site`` has made the site
over twenty times larger; the counts must be identical. Two counts per page, each of a real render
(see tests/queries.py):

* with the site chrome (header, footer, schedule) cached, as on a running site;
* with every cache empty, as after a restart.

Never above ten, either way.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event
from photos.models import Photo
from publishing import per_request
from sections.models import RelatedLink, Section
from tests.queries import count_render_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

MAX_PUBLIC_QUERIES = 10
PAGE = "overview-of-japan-us-relations"

# Per page: the queries of a render with the site chrome cached, then with every cache empty. Public views
# run outside the request's transaction (publishing.pagecache.query_parameters): no BEGIN or COMMIT.
# Exact, so that a page that grows dearer fails here, and one made cheaper gets its new count written down.
QUERIES = {
    "home": (5, 10),
    "page": (5, 10),
    "single section": (4, 9),
    "events list": (3, 8),
    "events list, page 2": (3, 8),
    "event": (3, 8),
    "event .ics": (1, 2),
    "events calendar": (3, 4),  # the events, then the office closures
    "events feed": (2, 3),
    "updates feed": (1, 6),
    # The public objects are worked out once per content generation and process (search/results.py), here
    # in both counts; each search after that runs two queries (test_a_search_on_a_running_site_runs_two_queries).
    "search": (5, 10),
    "sitemap": (4, 9),  # each section of the sitemap read once as a list for both languages: no COUNT first
    "photo credits": (4, 9),
    "contact": (1, 6),
    "markdown download": (4, 5),
}


def public_urls():
    event = Event.objects.public().exclude(slug__startswith="large-").order_by("pk").first()
    section = Section.objects.public().filter(depth=2, page__slug=PAGE).first()
    urls = {
        "home": "/",
        "page": f"/{PAGE}/",
        "single section": f"/{PAGE}/{section.slug}/",
        "events list": "/events/",
        "events list, page 2": "/events/?page=2",
        "event": event.get_absolute_url(),
        "event .ics": f"{event.get_absolute_url()}event.ics",
        "events calendar": "/events/events.ics",
        "events feed": "/events/feed.atom",
        "updates feed": "/updates.atom",
        "search": "/search/?q=alliance",
        "sitemap": "/sitemap.xml",
        "photo credits": "/photo-credits/",
        "contact": "/contact/",
        "markdown download": f"/{PAGE}.md",
    }
    assert urls.keys() == QUERIES.keys()
    return urls


def counts(client, urls):
    """Per page, (chrome cached, every cache empty), as QUERIES lists them."""
    return {
        name: (
            count_render_queries(client, url, chrome_cached=True),
            count_render_queries(client, url, chrome_cached=False),
        )
        for name, url in urls.items()
    }


def grow_site():
    call_command("make_large_site", scale=0.4, stdout=open("/dev/null", "w"))


def test_every_public_page_runs_the_same_few_queries_on_a_site_twenty_times_larger(demo_site, client):
    urls = public_urls()
    before = {
        "sections": Section.objects.count(),
        "events": Event.objects.count(),
        "photos": Photo.objects.count(),
        "links": RelatedLink.objects.count(),
    }
    assert counts(client, urls) == QUERIES

    grow_site()
    for model, count in [(Section, "sections"), (Event, "events"), (Photo, "photos"), (RelatedLink, "links")]:
        assert model.objects.count() >= 20 * before[count], count
    assert counts(client, urls) == QUERIES


# The sitemap and robots.txt have one address for both languages.
UNPREFIXED = {"sitemap"}


def japanese_urls(urls):
    return {name: f"/ja{url}" for name, url in urls.items() if name not in UNPREFIXED}


def test_japanese_pages_run_the_same_queries_as_the_english(demo_site, client):
    # The same compiled queries serve both languages (the rows carry every language's columns): the counts of
    # each Japanese page, with the chrome cached and with every cache empty, are the English page's.
    urls = public_urls()
    japanese = japanese_urls(urls)
    for url in japanese.values():
        assert client.get(url).status_code == 200, url
    assert counts(client, japanese) == {name: QUERIES[name] for name in japanese}
    # And the English pages stay as they were after the Japanese were drawn in the same process.
    assert counts(client, urls) == QUERIES


def test_generated_pages_are_as_cheap_as_the_demo_page(demo_site, client):
    grow_site()
    page = Section.objects.filter(depth=1, slug__startswith="large-").first()
    section = Section.objects.get_children(page).first()
    generated = {
        "page": page.get_absolute_url(),
        "single section": f"{page.get_absolute_url()}{section.slug}/",
        "markdown download": f"/{page.slug}.md",
    }
    assert counts(client, generated) == {name: QUERIES[name] for name in generated}
    assert b"Related reading" in client.get(generated["page"]).content
    assert b"Related reading" in client.get(generated["single section"]).content


def test_no_public_page_runs_more_than_ten_queries_with_the_site_chrome_cached():
    assert max(cached for cached, _cold in QUERIES.values()) <= MAX_PUBLIC_QUERIES


def test_no_public_page_runs_more_than_ten_queries_with_every_cache_empty():
    assert max(cold for _cached, cold in QUERIES.values()) <= MAX_PUBLIC_QUERIES


def test_a_search_on_a_running_site_runs_two_queries(demo_site, client):
    # Searches are seldom repeated, so they are never cached whole: what a running site pays for each is the
    # full-text query and the read of the shown results' text, whatever the words and however large the site.
    grow_site()
    client.get("/search/?q=alliance")
    client.get("/ja/search/?q=同盟")
    for url in ["/search/?q=treaty+summit", "/search/?q=generated", "/ja/search/?q=生成", "/ja/search/?q=futenma"]:
        per_request.forget_all()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200 and b"search-result__title" in response.content, url
        assert len(queries) == 2, (url, [query["sql"][:80] for query in queries])
