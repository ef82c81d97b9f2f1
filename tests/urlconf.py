"""The project's URLconf, walked: every pattern with its name, and which of them the public may read.

Shared by the URL walk (tests/security/test_url_walk.py: anonymous requests change nothing and
non-public addresses refuse) and by tests/visibility.py (every public address is checked for what
it shows).
"""

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RoutePattern

# Namespaces whose pages any visitor may read. A new public app adds its namespace here; any URL in no
# namespace listed here must refuse anonymous visitors.
PUBLIC_NAMESPACES = {"sections", "events", "search", "notices", "alerts"}
# Public addresses outside those namespaces: feeds, the sitemap, robots.txt, the Markdown download, photo credits.
PUBLIC_NAMES = {
    "sitemap",
    "robots",
    "updates_feed",
    "contentops:page_markdown",
    "sections:photo_credits",
    "photos:inline_image",
}


def walk(patterns=None, prefix="", namespaces=()):
    """(route, name, view) for every pattern, recursively; ``name`` is namespaced, or None."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            namespace = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from walk(entry.url_patterns, prefix + _pattern_text(entry.pattern), namespace)
        elif isinstance(entry, URLPattern):
            name = ":".join((*namespaces, entry.name)) if entry.name else None
            yield prefix + _pattern_text(entry.pattern), name, entry.callback


def _pattern_text(pattern):
    if isinstance(pattern, RoutePattern):
        return str(pattern._route)
    if isinstance(pattern, LocalePrefixPattern):
        # The public site's language prefix: none for English, the default. The same routes answer under /ja/,
        # which tests/visibility.py asks for too.
        return pattern.language_prefix
    return pattern._regex.lstrip("^").rstrip("$").replace(r"\Z", "")


def is_public(name):
    return name is not None and (name.split(":")[0] in PUBLIC_NAMESPACES or name in PUBLIC_NAMES)


def public_url_names():
    return {name for _route, name, _view in walk() if is_public(name)}
