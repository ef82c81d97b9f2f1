import logging

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import BadRequest

from photos.storage import keep_files_only_on_commit

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
