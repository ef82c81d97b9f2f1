"""What a page tells search engines and link previews: title, description, canonical address, image, JSON-LD.

Views describe themselves with a :class:`PageMeta`; ``base.html`` turns it into
``<title>``, ``<meta>``, ``<link rel="canonical">``, Open Graph and Twitter tags.
"""

from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.text import Truncator

DESCRIPTION_CHARS = 160


@dataclass
class PageMeta:
    title: str
    description: str = ""
    # The canonical path (absolute URL built from the request); None means the request's own path.
    path: str | None = None
    og_type: str = "website"
    image: object = None  # a Photo
    noindex: bool = False
    structured_data: list = field(default_factory=list)
    # The languages the page is shown in; None: every language. A page the Japanese site leaves out (not
    # translated, with the site setting "hide") names only English, so no hreflang points at its Japanese address.
    languages: tuple | None = None


def describe(summary, body_html=""):
    """The summary, or for content without one the start of its text, short enough for a result snippet."""
    text = summary or " ".join(strip_tags(body_html).split())
    return Truncator(text).chars(DESCRIPTION_CHARS)


def home_crumb():
    """The first step of every breadcrumb trail."""
    from django.urls import reverse
    from django.utils.translation import gettext

    return (gettext("Home"), reverse("sections:home"))
