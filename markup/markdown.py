"""Markdown to HTML, in one place.

Every piece of Markdown the site shows (section and event bodies, the editor's
live preview) goes through :func:`render_markdown`, so there is exactly one
allowlist to review. Its output is the only HTML templates mark as safe.
"""

import markdown
import nh3
from django.conf import settings
from django.urls import Resolver404, resolve

MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "smarty"]

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


def _filter_attribute(tag, attribute, value):
    if attribute == "id":
        return value if value.startswith(FOOTNOTE_ID_PREFIXES) else None
    if attribute == "class":
        kept = [name for name in value.split() if name in FOOTNOTE_CLASSES]
        return " ".join(kept) or None
    if tag == "img" and attribute == "src":
        # Images in bodies come from the site's own media, or from a photograph's inline address (which
        # shows it only while it may be shown); anything else could track readers or change under us.
        return value if value.startswith(settings.MEDIA_URL) or _is_inline_photo_address(value) else None
    return value


def _is_inline_photo_address(value):
    try:
        return resolve(value).view_name == "photos:inline_image"
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


def render_markdown(text):
    """Render Markdown written by staff into sanitised HTML, safe to mark as such."""
    if not text:
        return ""
    html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return sanitise_html(html)
