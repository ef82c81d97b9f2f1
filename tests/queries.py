"""The SQL queries of a real render of a public page, never of a copy some cache kept.

Every cache layer between a visitor and the database, emptied here in one place:

* the shared cache (settings.CACHES): cached pages, the site chrome, the schedule, the content generation;
* ``recent_pages``, the copies of pages each process keeps in its own memory;
* the per-request store, which remembers the chrome and the schedule within one request;
* what search worked out as public for the current generation, kept in each process (search.results).
"""

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from publishing import per_request
from publishing.pagecache import PublicPageCacheMiddleware, recent_pages
from search.results import forget_public_targets
from sections.chrome import get_site_chrome

PAGE_CACHE_MIDDLEWARE = f"{PublicPageCacheMiddleware.__module__}.{PublicPageCacheMiddleware.__qualname__}"


def empty_every_cache():
    from django.core.cache import cache

    cache.clear()
    recent_pages.clear()
    per_request.forget_all()
    forget_public_targets()


def count_render_queries(client, url, *, chrome_cached):
    """The number of queries one anonymous GET of ``url`` runs, rendered with production's middleware.

    ``chrome_cached``: the header, footer and schedule are already in the shared cache, as on a running
    site where other pages were just shown; otherwise every cache starts empty (a restart, a flushed Redis).
    The page itself is never cached: the count is that of a page-cache miss, storing the page included.
    Needs the ``page_cache`` fixture, so that the count includes what the page cache costs on a miss.
    """
    assert PAGE_CACHE_MIDDLEWARE in settings.MIDDLEWARE, "ask for the page_cache fixture: count what production runs"
    empty_every_cache()
    if chrome_cached:
        # The chrome of the page's language: each language has its own (names, footer and navigation translated).
        with translation.override(translation.get_language_from_path(url) or settings.LANGUAGE_CODE):
            get_site_chrome()
        per_request.forget_all()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    # The handler sets resolver_match only when the request gets past the middleware to a view: a response
    # from any cache in front of the view leaves it unset.
    assert response.wsgi_request.resolver_match is not None, f"{url} was not rendered"
    assert len(queries) > 0, f"{url} was answered without the database: from a cache?"
    return len(queries)
