"""Every public page answers in a fixed number of SQL queries, however large the site grows.

Each page is requested on the demo content, then again after ``make_large_site`` has made
the site over twenty times larger; the counts must be identical. Two counts per page:

* a page-cache miss (the page's cached copy removed; header, footer and schedule already cached,
  as on a busy site after an edit): never above ten;
* a cold start with every cache empty: also the same on both sites.
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from events.models import Event
from photos.models import Photo
from publishing.pagecache import _page_key, current_generation
from sections.models import RelatedLink, Section

MAX_PUBLIC_QUERIES = 10
PAGE = "overview-of-japan-us-relations"


def public_urls():
    event = Event.objects.public().exclude(slug__startswith="large-").order_by("pk").first()
    section = Section.objects.public().filter(depth=2, page__slug=PAGE).first()
    return {
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
        "markdown download": f"/{PAGE}.md",
    }


def count_queries(client, urls, cold):
    counts = {}
    for name, url in urls.items():
        if cold:
            cache.clear()
        else:
            client.get(url)  # warms the header, footer and schedule
            cache.delete(_page_key(RequestFactory().get(url), current_generation()))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(queries)
    return counts


def grow_site():
    call_command("make_large_site", scale=0.4, stdout=open("/dev/null", "w"))


@pytest.mark.django_db
def test_every_public_page_runs_the_same_few_queries_on_a_site_twenty_times_larger(demo_site, client):
    urls = public_urls()
    before = {
        "sections": Section.objects.count(),
        "events": Event.objects.count(),
        "photos": Photo.objects.count(),
        "links": RelatedLink.objects.count(),
    }
    small = count_queries(client, urls, cold=False)
    small_cold = count_queries(client, urls, cold=True)

    grow_site()
    for model, count in [(Section, "sections"), (Event, "events"), (Photo, "photos"), (RelatedLink, "links")]:
        assert model.objects.count() >= 20 * before[count], count
    large = count_queries(client, urls, cold=False)
    large_cold = count_queries(client, urls, cold=True)

    assert large == small
    assert large_cold == small_cold
    assert max(large.values()) <= MAX_PUBLIC_QUERIES, large


@pytest.mark.django_db
def test_generated_pages_are_as_cheap_as_the_demo_page(demo_site, client, django_assert_max_num_queries):
    grow_site()
    page = Section.objects.filter(depth=1, slug__startswith="large-").first()
    section = Section.objects.get_children(page).first()
    for url in [page.get_absolute_url(), f"{page.get_absolute_url()}{section.slug}/", f"/{page.slug}.md"]:
        client.get(url)
        cache.delete(_page_key(RequestFactory().get(url), current_generation()))
        with django_assert_max_num_queries(MAX_PUBLIC_QUERIES):
            response = client.get(url)
        assert response.status_code == 200
        assert b"Related reading" in response.content or url.endswith(".md")
