"""Every public surface of the site, for tests that prove something is (or is not) shown to the public.

When a new public surface is added (a feed, the search, the sitemap), add it
here: every visibility test then covers it.
"""

from bs4 import BeautifulSoup
from django.urls import reverse

from events.models import Event
from sections.models import Section


def public_urls():
    urls = [reverse("sections:home"), reverse("events:list"), reverse("sitemap"), reverse("updates_feed"),
            reverse("events:feed"), reverse("events:calendar"), reverse("sections:photo_credits")]  # fmt: skip
    urls += [page.get_absolute_url() for page in Section.objects.pages().public()]
    urls += [event.get_absolute_url() for event in Event.objects.public()]
    return urls


def public_html(client):
    """The text of every public surface, as an anonymous visitor receives it."""
    pages = {}
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        pages[url] = response.content.decode()
    return pages


def assert_nowhere_public(client, *texts):
    for url, html in public_html(client).items():
        for text in texts:
            assert text not in html, f"{text!r} is public at {url}"
    for text in texts:
        # Search: what the results list shows (the page itself repeats the query).
        page = BeautifulSoup(client.get(reverse("search:results"), {"q": text}).content.decode(), "html.parser")
        results = " ".join(result.get_text(" ") for result in page.select(".search-results"))
        assert text not in results, f"{text!r} is found by search"


def assert_somewhere_public(client, text):
    assert any(text in html for html in public_html(client).values()), f"{text!r} is not public anywhere"
