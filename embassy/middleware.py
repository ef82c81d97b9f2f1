import logging

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware as BaseSessionMiddleware
from django.core.exceptions import BadRequest
from django.utils import translation

from markup.markdown import MarkdownRefused, markdown_field_names, render_markdown
from photos.storage import keep_files_only_on_commit

from . import errors
from .sqlite3.base import reading_request

logger = logging.getLogger(__name__)


class QueryStringLimitMiddleware:
    """Refuse (400) a query string longer than MAX_QUERY_STRING_LENGTH.

    In production gunicorn and nginx already refuse request lines this long; this keeps the same limit
    wherever the site runs, so that nothing (a search, a filter) is ever asked to handle a 50 kB term.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = len(request.META.get("QUERY_STRING", ""))
        if length > settings.MAX_QUERY_STRING_LENGTH:
            logger.warning("Refused a query string of %d characters on %s", length, request.path)
            raise BadRequest("The address is too long.")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's wider policy applied to every page under the admin's address.

    A decorator on each admin view would miss the views Django and third-party packages add; the
    admin lives under one prefix, so the prefix decides.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/" + settings.ADMIN_URL):
            parts.update = {**settings.ADMIN_CONTENT_SECURITY_POLICY_UPDATE, **(parts.update or {})}
        return parts


class DiscardUncommittedFilesMiddleware:
    """Delete files stored during a request whose database transaction did not commit (see photos.storage)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with keep_files_only_on_commit():
            return self.get_response(request)


class ReadingRequestMiddleware:
    """Mark GET, HEAD and OPTIONS requests as reading, for the SQLite backend's choice of transaction mode."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = reading_request.set(request.method in ("GET", "HEAD", "OPTIONS"))
        try:
            return self.get_response(request)
        finally:
            reading_request.reset(token)


class SessionMiddleware(BaseSessionMiddleware):
    """Django's, except that a request marked ``refreshes_no_session`` (the editor's live preview, asked for
    after every pause in typing, two at once on a page with two bodies) writes no session: it changes
    nothing in it, and each such write took SQLite's write lock for nothing."""

    def process_response(self, request, response):
        if getattr(request, "refreshes_no_session", False) and not request.session.modified:
            return response
        return super().process_response(request, response)


class DatabaseBusyMiddleware:
    """Answer a view that could not get SQLite's write lock in time with the "busy, try again" page (503).

    Here rather than only in the 500 handler: that is not used with DEBUG on, and an exception handled here
    is not logged with a server error's traceback. Exceptions raised outside views (a
    session saved after the response) reach the 400 and 500 handlers, which answer the same.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if errors.database_is_locked(exception):
            logger.warning("The database stayed locked past the busy timeout on %s %s", request.method, request.path)
            return errors.busy()
        return None


class RenderMarkdownFirstMiddleware:
    """Render the Markdown an editor sends before the view's transaction takes SQLite's write lock.

    Every request that may write holds the lock for the whole view (ATOMIC_REQUESTS with IMMEDIATE
    transactions), and the form's validator renders each body, up to MARKDOWN_TIME_LIMIT. Rendered here,
    in process_view (which Django runs before opening the view's transaction), the result waits in
    markup.markdown's cache for the validator and the save, and other editors' saves wait for none of it.
    After CSRF and authentication: only staff's genuine form posts are rendered.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.method != "POST" or not request.user.is_staff:
            return None
        names = markdown_field_names()
        for key, value in request.POST.items():
            # Inline formsets name their fields "<prefix>-<n>-body".
            if key.rpartition("-")[2] in names:
                try:
                    render_markdown(value)
                except MarkdownRefused:
                    pass  # the form's validator says why, with the cached answer
        return None


class URLLanguageMiddleware:
    """Activate the language the address names: /ja/… is Japanese, every other address English.

    In place of Django's LocaleMiddleware, which would send a browser that prefers Japanese from / to /ja/ (and
    mark every English page ``Vary: Accept-Language``): the English site is the default at its own addresses
    for everyone, and each address shows one language, so a cached page is right for every visitor. Placed
    before the page cache, which resolves the address (the Japanese prefix is matched in the active language).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # For this request only: whatever runs next in this thread starts again from the default language.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
