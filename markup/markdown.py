"""Markdown to HTML, in one place, within bounds.

Every piece of Markdown the site shows (section and event bodies, the editor's
live preview, imported documents) goes through :func:`render_markdown`, so there
is exactly one allowlist to review and one set of limits. Its output is the only
HTML templates mark as safe.

Python-Markdown recurses once per level of nesting and rescans the rest of a
paragraph for every unclosed bracket: a few kilobytes of ``- - - -…`` end in
RecursionError, and of ``[[[[…`` in minutes of CPU. So a text is first checked
against limits that are cheap to measure (:func:`markdown_problem`), with a
message an editor can act on; whatever passes them and is not obviously cheap is
rendered in a separate process that is killed when it runs past
``MARKDOWN_TIME_LIMIT`` (a thread cannot be stopped; a process can).
"""

import functools
import posixpath
import re
from urllib.parse import quote, unquote, urlsplit

import nh3
from django.conf import settings
from django.urls import Resolver404, resolve

from . import markdown_worker

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "ins", "li", "ol", "p", "pre",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "class"},
    "abbr": {"title"},
    "div": {"class"},
    "img": {"src", "alt", "title", "width", "height"},
    "li": {"id"},
    "ol": {"start"},
    "sup": {"id"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}

# Footnotes are the only Markdown feature that needs ids and classes; anything
# else an author writes with attribute lists is dropped so that content cannot
# clobber the page's own ids or borrow its styles.
FOOTNOTE_CLASSES = {"footnote", "footnote-ref", "footnote-backref"}
FOOTNOTE_ID_PREFIXES = ("fn:", "fnref:")

URL_SCHEMES = {"http", "https", "mailto", "tel"}

# ---------------------------------------------------------------------------
# Limits, checked before rendering.
# ---------------------------------------------------------------------------

# The longest body of the demo site is under 5,000 characters; 100,000 characters of prose render in 0.36 s.
MAX_CHARACTERS = 100_000
# Lists and quotes inside one another. Real texts nest three or four levels; Python-Markdown's recursion
# gives out at about 450 (``- - - … x``).
MAX_NESTING = 20
# Characters Python-Markdown rescans looking for the bracket that closes each "[" or "(": the distance
# to it, or to the end of the paragraph when there is none. Ordinary links cost a few characters each (2,000
# links: 4,000); "[" × 2,000 in one paragraph costs 2,000,000 and takes 0.4 s, growing with its square.
MAX_BRACKET_SCAN = 500_000
# Texts at most this long, and within CHEAP_BRACKET_SCAN, are rendered in the request's own thread,
# saving the trip to a worker (markup.markdown_worker says what that costs). The slowest such text found,
# a 1,000-character list nested 20 deep, takes 0.2 s on the loaded development machine.
CHEAP_CHARACTERS = 1_000
CHEAP_BRACKET_SCAN = 5_000

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
CONTAINER_PREFIX = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
BRACKET = re.compile(r"[\[\]()]")
CLOSER = {"]": "[", ")": "("}


class MarkdownRefused(ValueError):
    """A text the renderer will not (or could not in time) render; the message is for its editor."""


def _nesting(line):
    """How many lists and quotes a line sits in: its indentation (four columns a level) and its markers."""
    indentation = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
    depth, position = indentation // 4, 0
    while match := CONTAINER_PREFIX.match(line, position):
        depth, position = depth + 1, match.end()
    return depth


def _bracket_scan(paragraph):
    """The characters rescanned for the closing bracket of every "[" and "(" in one paragraph."""
    open_at = {"[": [], "(": []}
    scanned = 0
    for match in BRACKET.finditer(paragraph):
        char, position = match.group(), match.start()
        if char in open_at:
            open_at[char].append(position)
        elif open_at[CLOSER[char]]:
            scanned += position - open_at[CLOSER[char]].pop()
    return scanned + sum(len(paragraph) - position for positions in open_at.values() for position in positions)


def _line_number(text, offset):
    return text.count("\n", 0, offset) + 1


def markdown_problem(text):
    """What makes ``text`` too costly to render, in words for its editor; None when it is within the limits."""
    if len(text) > MAX_CHARACTERS:
        return f"The text is {len(text):,} characters long; at most {MAX_CHARACTERS:,} can be shown. Split it up."
    for number, line in enumerate(text.splitlines(), start=1):
        if _nesting(line) > MAX_NESTING:
            return f"Line {number} is nested {_nesting(line)} lists or quotes deep; at most {MAX_NESTING} are allowed."
    scanned, worst, start = 0, (0, 0), 0
    for paragraph in PARAGRAPH_BREAK.split(text):
        cost = _bracket_scan(paragraph)
        scanned, worst = scanned + cost, max(worst, (cost, start))
        start = text.find(paragraph, start) + len(paragraph)
    if scanned > MAX_BRACKET_SCAN:
        return (
            f"Too many unclosed brackets “[” or “(”, the most in the paragraph at line "
            f"{_line_number(text, worst[1])}: close them, or write them as \\[ and \\(."
        )
    return None


def check_markdown(text):
    """Raise :class:`MarkdownRefused` when ``text`` is beyond the limits."""
    if problem := markdown_problem(text):
        raise MarkdownRefused(problem)


def validate_markdown(text):
    """The validator of every Markdown field: the editor hears about a text that cannot be shown before saving.

    Rendering within the time limit is part of the check; the result is kept, so the save that follows
    does not render it again.
    """
    from django.core.exceptions import ValidationError

    try:
        render_markdown(text)
    except MarkdownRefused as error:
        raise ValidationError(str(error), code="markdown") from None


@functools.cache
@functools.cache
def markdown_field_names():
    """The names of the models' Markdown fields: those that this module validates (the models are fixed once
    Django has started, so they are found once per process, not on every post)."""
    from django.apps import apps

    return frozenset(
        field.name
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if validate_markdown in getattr(field, "validators", ())
    )


# ---------------------------------------------------------------------------
# The sanitiser.
# ---------------------------------------------------------------------------

# Browsers drop these from anywhere in an address (WHATWG URL standard) and read "\" as "/".
IGNORED_IN_URLS = str.maketrans({"\t": None, "\n": None, "\r": None, "\\": "/"})
MAX_DECODING_ROUNDS = 4


def _normalised_path(path):
    """``path`` percent-decoded until nothing changes and with its dot segments resolved; None if it never settles."""
    for _ in range(MAX_DECODING_ROUNDS):
        decoded = unquote(path).translate(IGNORED_IN_URLS)
        if decoded == path:
            normalised = posixpath.normpath(path) if path else path
            if path.endswith("/") and not normalised.endswith("/"):
                normalised += "/"  # normpath drops it; "/photos/1/image/" needs it
            # normpath keeps a leading "//", which browsers read as another host.
            return None if normalised.startswith("//") else normalised
        path = decoded
    return None


def _same_site_image(value):
    """The address an image may be shown from, normalised, or None: the site's media, or a photo's inline address.

    The path is compared only once it is normalised: "/media/../admin/", spelt with %2e, %252e or "\\",
    is the admin to a browser, not the media.
    """
    parts = urlsplit(value.strip().translate(IGNORED_IN_URLS))
    if parts.scheme or parts.netloc:
        return None
    path = _normalised_path(parts.path)
    if path is None:
        return None
    address = quote(path, safe="/") + (f"?{parts.query}" if parts.query else "")
    media = urlsplit(settings.MEDIA_URL).path
    if path.startswith(media) or (not parts.query and _is_inline_photo_address(path)):
        return address
    return None


def _link_address(value):
    """A link's address as browsers read it, or None when it would slip past the rules nh3 checked.

    nh3 checked the scheme of the address as written, but browsers drop tabs and newlines from it and read
    "\\" as "/": "/\\evil.example" is another host's address to them, written as one of ours.
    """
    cleaned = value.strip().translate(IGNORED_IN_URLS)
    parts = urlsplit(cleaned)
    if parts.scheme:
        return cleaned if parts.scheme.lower() in URL_SCHEMES else None
    if cleaned.startswith("//"):
        # Another host without a scheme: say it, so that it reads as what it is.
        return "https:" + cleaned
    return cleaned


def _filter_attribute(tag, attribute, value):
    # nh3 does not check what this returns: every address returned here must already be safe.
    if attribute == "id":
        return value if value.startswith(FOOTNOTE_ID_PREFIXES) else None
    if attribute == "class":
        kept = [name for name in value.split() if name in FOOTNOTE_CLASSES]
        return " ".join(kept) or None
    if tag == "img" and attribute == "src":
        # Images in bodies come from the site's own media, or from a photograph's inline address (which
        # shows it only while it may be shown); anything else could track readers or change under us.
        return _same_site_image(value)
    if tag == "a" and attribute == "href":
        return _link_address(value)
    return value


def _is_inline_photo_address(path):
    try:
        return resolve(path).view_name == "photos:inline_image"
    except Resolver404:
        return False


def sanitise_html(html):
    """Reduce HTML to the allowlist: no scripts, handlers, styles or unsafe URLs."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
    )


# ---------------------------------------------------------------------------
# Rendering.
# ---------------------------------------------------------------------------


def _is_obviously_cheap(text):
    return len(text) <= CHEAP_CHARACTERS and _bracket_scan(text) <= CHEAP_BRACKET_SCAN


TOO_DEEP = "Lists or quotes are nested too deeply to be shown: take some levels out."
TOO_SLOW = (
    "The text took too long to render (over {limit:g} seconds). Split long paragraphs, "
    "and close brackets or write them as \\[ and \\(."
)
BUSY = "The preview is busy with other texts; try again in a moment."


@functools.lru_cache(maxsize=64)
def _converted(text):
    """``(html, None)``, or ``(None, why it was refused)``; unsanitised.

    Kept, refusals too: the validator's render is the save's, and a text the preview refused is refused
    at once the next time it is sent. Busy is not kept: it is about the moment, not the text.
    """
    limit = settings.MARKDOWN_TIME_LIMIT
    try:
        if _is_obviously_cheap(text):
            return markdown_worker.markdown_to_html(text), None
        return markdown_worker.convert(text, limit), None
    except (RecursionError, markdown_worker.TooDeep):
        return None, TOO_DEEP
    except markdown_worker.TooSlow:
        return None, TOO_SLOW.format(limit=limit)


def render_markdown(text):
    """Render Markdown written by staff into sanitised HTML, safe to mark as such.

    Raises :class:`MarkdownRefused` for a text beyond the limits or that does not render in time.
    """
    if not text:
        return ""
    check_markdown(text)
    try:
        html, refusal = _converted(text)
    except markdown_worker.Busy:
        raise MarkdownRefused(BUSY) from None
    if refusal:
        raise MarkdownRefused(refusal)
    return sanitise_html(html)


def render_bodies(instance, render=None):
    """Render each language's ``body_<code>`` into its ``body_html_<code>`` (django-modeltranslation's columns).

    The same sanitising renderer for every language; an empty body renders to an empty column, so that an
    untranslated body reads as missing (and falls back to English, marked) rather than as an empty text.
    ``render`` may stand in for :func:`render_markdown` (the importer's cache of repeated texts).
    """
    render = render or render_markdown
    for code, _name in settings.LANGUAGES:
        body = getattr(instance, f"body_{code}", None) or ""
        setattr(instance, f"body_html_{code}", render(body) if body else "")
    # The original column follows the default language, as modeltranslation keeps it for every other field.
    instance.__dict__["body_html"] = getattr(instance, f"body_html_{settings.LANGUAGE_CODE}")
