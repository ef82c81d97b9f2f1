"""Every public surface of the site, for tests that prove something is (or is not) shown to the public.

Each public URL pattern of the URLconf (tests/urlconf.py decides which are public) is either checked
here, in SURFACES or by the search, or named in NOT_CONTENT with the reason it shows no content of its
own. The URL walk (tests/security/test_url_walk.py) fails when a public pattern is in neither, so a new
public address cannot be left out of every visibility test.

A surface that shows one object per address (a page, a section, an event) is requested for every
object, hidden ones too: a hidden object's address must answer 404, or at least not show the text.
"""

from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from events.models import Event
from notices.models import Notice
from sections.models import Section
from sitewide.languages import path_in_language


def _one(name):
    return lambda: [reverse(name)]


def _pages():
    return Section.objects.pages()


# URL name -> the addresses to request; each must answer 200.
FIXED_SURFACES = {
    "sections:home": _one("sections:home"),
    "events:list": _one("events:list"),
    "events:calendar": _one("events:calendar"),
    "events:feed": _one("events:feed"),
    "sitemap": _one("sitemap"),
    "updates_feed": _one("updates_feed"),
    "sections:photo_credits": _one("sections:photo_credits"),
    "sections:contact": _one("sections:contact"),
    # The subscription form lists the pages one may follow: a hidden page's title must not be among them.
    "alerts:subscribe": _one("alerts:subscribe"),
    "alerts:check_email": _one("alerts:check_email"),
}
# URL name -> the address of every object, public or not; each answers 200 or 404.
OBJECT_SURFACES = {
    "sections:page": lambda: [page.get_absolute_url() for page in _pages()],
    "sections:section": lambda: [section.get_own_url() for section in Section.objects.filter(depth=2)],
    "contentops:page_markdown": lambda: [reverse("contentops:page_markdown", args=[page.slug]) for page in _pages()],
    "events:detail": lambda: [event.get_absolute_url() for event in Event.objects.all()],
    "events:ics": lambda: [reverse("events:ics", args=[event.slug]) for event in Event.objects.all()],
    "notices:detail": lambda: [notice.get_absolute_url() for notice in Notice.objects.all()],
}
SEARCH = "search:results"  # asked for each text in turn (see assert_nowhere_public)
CHECKED = {*FIXED_SURFACES, *OBJECT_SURFACES, SEARCH}

NOT_CONTENT = {
    "robots": "the same crawling rules on every site, naming no content",
    "sections:preview_section": "staff only; anonymous visitors get 403 (tests/sections/test_publishing.py)",
    "events:preview": "staff only; anonymous visitors get 403 (tests/sections/test_publishing.py)",
    "sections:shared_page": "a draft shown on purpose to whoever holds its link (tests/sections/test_publishing.py)",
    "alerts:confirm": "a signed link from a confirmation e-mail; a forged or expired one answers 404 (tests/alerts)",
    "alerts:manage": "a subscriber's own choices behind a signed link; a forged one answers 404 (tests/alerts)",
    "alerts:unsubscribe": "a signed link from an e-mail; a forged one answers 404 (tests/alerts)",
    "photos:inline_image": "a redirect to an image file, no text; 404 for a hidden photograph "
    "(tests/photos/test_inline_images.py)",
}


# One address for both languages; every other surface is asked at its English and its Japanese (/ja/) address.
UNPREFIXED = {"sitemap"}


def in_every_language(name, url):
    if name in UNPREFIXED:
        return [url]
    return [path_in_language(url, code) for code, _name in settings.LANGUAGES]


def public_html(client):
    """The text of every public surface, in every language, as an anonymous visitor receives it."""
    pages = {}
    for surfaces, found in [(FIXED_SURFACES, {200}), (OBJECT_SURFACES, {200, 404})]:
        for name, addresses in surfaces.items():
            for url in addresses():
                for address in in_every_language(name, url):
                    response = client.get(address)
                    assert response.status_code in found, (address, response.status_code)
                    pages[address] = response.content.decode()
    return pages


def assert_nowhere_public(client, *texts):
    for url, html in public_html(client).items():
        for text in texts:
            assert text not in html, f"{text!r} is public at {url}"
    for text in texts:
        # Search: what the results list shows (the page itself repeats the query).
        for address in in_every_language(SEARCH, reverse(SEARCH)):
            page = BeautifulSoup(client.get(address, {"q": text}).content.decode(), "html.parser")
            results = " ".join(result.get_text(" ") for result in page.select(".search-results"))
            assert text not in results, f"{text!r} is found by search at {address}"


def assert_somewhere_public(client, text):
    assert any(text in html for html in public_html(client).values()), f"{text!r} is not public anywhere"
