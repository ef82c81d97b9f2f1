"""The public page cache: whole responses for anonymous visitors, never stale.

Every public page is cached whole, keyed by the *content generation*, a
number in the cache that every change to content moves on (see
:func:`content_changed`). A change anywhere on the site therefore retires
every cached page at once: an embassy site is read far more than it is
edited, so simple and never-stale beats clever. Each cached page also carries
the moment it stops being true, the next scheduled publication, unpublication
or rights expiry anywhere on the site, checked on every hit.

A page is keyed on its address without the query string, plus only the query
parameters its view declares with :func:`query_parameters`, normalised; the view
is given those alone. Tracking parameters (``utm_source``) and made-up ones
(``?m=1``, ``?m=2``, …) therefore get the same cached page instead of each
rendering and storing a copy of their own. A view that declares nothing is
cached only at its address without a query string.

Logged-in staff (anyone with a session cookie) always bypass the cache, so
they see their edits and previews at once.
"""

import hashlib
import secrets
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.paginator import Paginator
from django.db import connection, models, transaction
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe, quote_etag, urlencode

from . import per_request
from .editions import in_sandbox
from .models import Draft
from .registry import publishable_models

GENERATION_KEY = "content-generation"
LONGEST_SECONDS = 24 * 3600
PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600"


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # First request, or the cache was emptied (a Redis restart): start a generation no earlier page used,
        # in any process (recent_pages keeps pages by generation).
        cache.add(GENERATION_KEY, _fresh_generation(), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _fresh_generation():
    # Random, so that two processes starting over never pick a number either used before; 60 bits leave
    # room for every increment after it within a 64-bit Redis integer.
    return secrets.randbits(60)


def _bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _fresh_generation(), None)


def content_changed(**kwargs):
    """Retire every cached page: now, and again when the transaction commits.

    The second bump matters: a page rendered by another request between the
    change and the commit shows the old content and must not outlive the commit.
    A sandbox (:mod:`publishing.editions`) is always rolled back: nothing it writes retires a page.
    """
    if in_sandbox.get():
        return
    _bump()
    transaction.on_commit(_bump)


def share(key, value, timeout):
    """Keep ``value`` in the shared cache for every process, unless it was worked out inside a sandbox
    (:mod:`publishing.editions`): what a preview reads may be a draft, and the public must never see it."""
    if not in_sandbox.get():
        cache.set(key, value, timeout)


def next_scheduled_change(now):
    """The next moment anything becomes or stops being public on its own: a schedule or a rights expiry.

    Remembered for the current content generation: the schedule can only change through an edit, and every
    edit starts a new generation. Once the remembered moment has passed it is worked out again. Within one
    request it is worked out at most once (the page cache and the site chrome both ask).
    """
    generation = current_generation()
    remembered = per_request.recall("schedule")
    if remembered is not None and remembered[0] == generation and (remembered[1] is None or now < remembered[1]):
        return remembered[1]
    key = f"schedule:{generation}"
    cached = cache.get(key)
    if cached is not None and (cached["at"] is None or now < cached["at"]):
        moment = cached["at"]
    else:
        moment = _next_scheduled_change(now)
        share(key, {"at": moment}, LONGEST_SECONDS)
    per_request.remember("schedule", (generation, moment))
    return moment


def _next_scheduled_change(now):
    """The earliest future moment in any schedule column of any publishable model (``schedule_fields``).

    One hand-written query of scalar subqueries, each answered from an index. Built through the ORM this took
    four queries and most of its time compiling them, on every request that renders a page.

    A scheduled draft counts from its moment even once that has passed: until the first request after it
    publishes the draft (:func:`publishing.services.publish_due_drafts`), the moment stays the answer, so
    nothing cached outlives it and the next request knows there is a draft to publish.
    """
    quote = connection.ops.quote_name
    draft_column = quote(Draft._meta.get_field("go_live_at").column)
    subqueries = [f"(SELECT MIN({draft_column}) FROM {quote(Draft._meta.db_table)})"]
    params = []
    for model in publishable_models():
        table = quote(model._meta.db_table)
        for field_name in model.schedule_fields:
            field = model._meta.get_field(field_name)
            column = quote(field.column)
            subqueries.append(f"(SELECT MIN({column}) FROM {table} WHERE {column} > %s)")
            if isinstance(field, models.DateTimeField):
                params.append(connection.ops.adapt_datetimefield_value(now))
            else:  # a day, such as the end of a photograph's rights: it ends when that day starts in Washington
                params.append(connection.ops.adapt_datefield_value(timezone.localdate(now)))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(subqueries)}", params)
        values = cursor.fetchone()
    moments = [_as_moment(value) for value in values if value is not None]
    return min(moments) if moments else None


def _as_moment(value):
    if isinstance(value, date) and not isinstance(value, datetime):
        return timezone.make_aware(datetime.combine(value, clock_time.min))
    if isinstance(value, str) and len(value) == 10:  # SQLite answers a date column's MIN() with its text
        return timezone.make_aware(datetime.combine(date.fromisoformat(value), clock_time.min))
    return _as_aware_datetime(value)


def _as_aware_datetime(value):
    # PostgreSQL answers with an aware datetime; SQLite, for a subquery's column, with the UTC text it stores.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)


def query_parameters(*names, **normalisers):
    """Declare the query parameters a public view reads; the page cache keys its pages on these alone.

    ``names`` are taken as given, blank ones dropped. ``normalisers`` map a name to a function from the
    text given to its canonical value, or None for "as if absent" (see :func:`page_number`). The view is
    given only the declared parameters, normalised, so that a cached page is exactly what the view makes
    of its key, whatever else the address carried.

    A public view only reads, so it runs outside the request's transaction (ATOMIC_REQUESTS): it never
    holds a write lock, and an uncached page spares the BEGIN and COMMIT (two of its queries).
    """
    rules = dict.fromkeys(names, _as_given) | normalisers

    def decorator(view):
        # A wrapper, so that declaring parameters for Django's own views (the sitemap) leaves them untouched.
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        wrapped.page_cache_parameters = rules
        return transaction.non_atomic_requests(wrapped)

    return decorator


def _as_given(value):
    return value.strip() or None


def page_number(value):
    """``?page=``: 2, 3, …; anything else (1, 0, -1, "abc", blank) is the first page, the address without it."""
    try:
        number = int(value)
    except ValueError:  # also a number too long for int() to read: Paginator shows the first page then too
        return None
    return number if number > 1 else None


def page_of(request, items, per_page):
    """The page of ``items`` that ``?page=`` asks for, as Paginator.get_page finds it.

    A number past the last page shows the last page; that answer is kept out of the cache, or every
    ``?page=N`` would be stored as one more copy of the last page.
    """
    asked = request.GET.get("page", "1")
    page_obj = Paginator(items, per_page).get_page(asked)
    if str(page_obj.number) != asked:
        keep_out_of_cache(request)
    return page_obj


def keep_out_of_cache(request):
    """This request's page is one-off (a search, a page number past the end): rendered, never stored."""
    request.page_cache_one_off = True


def _view_query(request):
    """The declared parameters of the view at this address, normalised and in order; None if it declares none."""
    try:
        rules = getattr(resolve(request.path_info).func, "page_cache_parameters", None)
    except Resolver404:
        return None
    if rules is None:
        return None
    kept = {}
    for name in sorted(rules):
        value = request.GET.get(name)  # the last one given, as the view would have read it
        canonical = None if value is None else rules[name](value)
        if canonical is not None:
            kept[name] = canonical
    return QueryDict(urlencode(kept))


def _page_key(request, generation):
    """The page's cache key; ``request.GET`` is already the view's normalised query (see _view_query)."""
    # Hashed: addresses can be long (a 10,000-character search) and keys must stay short for every backend.
    address = f"{request.get_host()}{request.path}?{request.GET.urlencode()}".encode()
    # The language too, though the address already names it (/ja/…): an English and a Japanese page never share
    # a cached copy, whatever address a future route gives them. Set from the address before this middleware
    # (embassy.middleware.URLLanguageMiddleware), never from the browser, so the page needs no Vary header.
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"page:{generation}:{language}:{hashlib.blake2b(address, digest_size=20).hexdigest()}"


def _bypasses_cache(request):
    return request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES


def _conditional(request, response):
    """A 304 (with the page's ETag, Last-Modified and Cache-Control) when the visitor's copy is current."""
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=parse_http_date_safe(response["Last-Modified"]),
        response=response,
    )


# The pages this process served last, in its own memory, in front of the shared cache: a shared cache
# (files, Redis) costs a read and an unpickling of the whole page per hit. The content generation is still
# read from the shared cache on every request and is part of each key, so a page kept here is retired by an
# edit handled in any process, exactly as in the shared cache; ``valid_until`` is checked on every hit too.
# Django's own local-memory cache, bounded in number and in age.
recent_pages = LocMemCache("embassy-recent-pages", {"TIMEOUT": 60, "OPTIONS": {"MAX_ENTRIES": 256}})


class PublicPageCacheMiddleware:
    """Answers repeat anonymous requests from the cache before any other work is done.

    Put it near the top of ``MIDDLEWARE``: a hit needs one or two cache reads and
    no database, session or template work.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _bypasses_cache(request):
            return self.get_response(request)
        if request.META.get("QUERY_STRING"):
            # Resolved only when there is a query to normalise: an address without one has the same key whatever
            # its view declares, and resolving took a third of a cached page's time in this middleware.
            query = _view_query(request)
            if query is None:
                return self.get_response(request)  # a view that declared no parameters: only its bare address
            request.GET = query
        generation = current_generation()
        key = _page_key(request, generation)
        # Without a shared generation (the dummy cache) nothing may be kept, not even in this process.
        cached = recent_pages.get(key) if generation is not None else None
        if cached is None:
            cached = cache.get(key)
            if cached is not None and generation is not None:
                recent_pages.set(key, cached)
        now = timezone.now()
        if cached is not None and (cached["valid_until"] is None or now < cached["valid_until"]):
            return self._from_cache(request, cached)
        response = self.get_response(request)
        if not self._cacheable(request, response):
            return response
        self._store(key, response, now, keep_here=generation is not None)
        return _conditional(request, response)

    @staticmethod
    def _cacheable(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if getattr(request, "page_cache_one_off", False):
            return False
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            return False
        cache_control = response.get("Cache-Control", "")
        return "private" not in cache_control and "no-store" not in cache_control

    def _store(self, key, response, now, keep_here):
        valid_until = next_scheduled_change(now)
        etag = quote_etag(hashlib.blake2b(response.content, digest_size=16).hexdigest())
        response["ETag"] = etag
        response["Last-Modified"] = http_date(now.timestamp())
        response["Cache-Control"] = PUBLIC_CACHE_CONTROL
        headers = {name: value for name, value in response.items() if name.lower() not in ("set-cookie",)}
        timeout = LONGEST_SECONDS
        if valid_until is not None:
            timeout = max(1, min(LONGEST_SECONDS, int((valid_until - now) / timedelta(seconds=1)) + 1))
        cached = {"content": response.content, "headers": headers, "valid_until": valid_until}
        cache.set(key, cached, timeout)
        if keep_here:
            recent_pages.set(key, cached)

    @staticmethod
    def _from_cache(request, cached):
        response = HttpResponse(cached["content"], status=200)
        for name, value in cached["headers"].items():
            response[name] = value
        return _conditional(request, response)
