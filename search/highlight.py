"""Snippets with the search terms marked: the text is escaped first, and only our own <mark> is added."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_CHARS = 240


def terms_pattern(terms):
    """One pattern for the terms, made once per search and used for every result shown."""
    if not terms:
        return None
    alternatives = sorted({term.casefold() for term in terms}, key=len, reverse=True)
    return re.compile("|".join(re.escape(term) for term in alternatives), re.IGNORECASE)


def highlight(text, pattern):
    """``text`` escaped, with every occurrence of the terms (``terms_pattern``) wrapped in <mark>."""
    if pattern is None:
        return escape(text)
    parts = []
    position = 0
    for match in pattern.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


def excerpt(text, pattern, length=SNIPPET_CHARS):
    """About ``length`` characters of ``text`` around the first term found, cut at spaces."""
    match = pattern.search(text) if pattern else None
    if match is None or len(text) <= length:
        start = 0
    else:
        start = max(0, match.start() - length // 3)
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space > 0 and start - space < 30 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + length // 2 else end
    fragment = text[start:end].strip()
    return ("… " if start > 0 else "") + fragment + (" …" if end < len(text) else "")


def snippet(text, pattern):
    return highlight(excerpt(text, pattern), pattern)
