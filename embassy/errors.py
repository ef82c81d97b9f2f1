"""Error pages in the site's look, which never show a stack trace, a setting or a query.

The 400 and 500 pages are drawn without the request's context: a 400 may be the answer to a
request whose Host header cannot be trusted, and a 500 may come from a database that is down, so
neither reads the site settings. Their header shows the embassy's name from :data:`FALLBACK_SITE`.
"""

import logging
import sys

from django.db import OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

FALLBACK_SITE = {"embassy_name": "Embassy of Japan", "navigation": [], "footer_links": [], "phone_lines": []}

PLAIN_PAGES = {
    400: "Bad request",
    403: "Forbidden",
    404: "Not found",
    500: "Server error",
    503: "Busy, please try again",
}

# What a request that could not get SQLite's write lock within the busy timeout tells the client: the
# database is fine, only busy, and the same request a few seconds later will most likely succeed.
RETRY_AFTER_SECONDS = 5
MAX_CHAINED_EXCEPTIONS = 20


def _render(status, request=None, context=None):
    context = {"site": FALLBACK_SITE, **(context or {})}
    try:
        if request is not None:
            # 403 and 404: the full context (navigation, footer) from the request's context processors.
            context.pop("site")
            body = loader.render_to_string(f"{status}.html", context, request=request)
        else:
            body = loader.render_to_string(f"{status}.html", context)
    except Exception:
        # The error page itself failed (a missing template, a database that is down): say it plainly.
        logger.exception("Could not render the %s page", status)
        body = f"<!DOCTYPE html><title>{PLAIN_PAGES[status]}</title><h1>{PLAIN_PAGES[status]}</h1>"
    return HttpResponse(body, status=status)


def database_is_locked(exception):
    """Whether ``exception``, or one it was raised from or while handling, is SQLite's "database is locked".

    It arrives as itself from a view, and wrapped from elsewhere: a session that could not be saved
    after the response (SESSION_SAVE_EVERY_REQUEST) becomes SessionInterrupted, a 400.
    """
    for _ in range(MAX_CHAINED_EXCEPTIONS):
        if exception is None:
            return False
        if isinstance(exception, OperationalError) and "is locked" in str(exception):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


def busy():
    """503 with Retry-After: the answer to a request that waited the whole busy timeout for the write lock."""
    response = _render(503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request, exception):
    if database_is_locked(exception):
        return busy()
    return _render(400)


@requires_csrf_token
def permission_denied(request, exception):
    return _render(403, request)


@requires_csrf_token
def page_not_found(request, exception):
    return _render(404, request)


def server_error(request):
    # Django calls this while handling the exception, which it does not pass on.
    if database_is_locked(sys.exc_info()[1]):
        return busy()
    return _render(500)


def csrf_failure(request, reason=""):
    """A form sent without a valid token: usually a page left open too long, or a cookie blocked."""
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    return _render(403, request, {"csrf_failure": True})
