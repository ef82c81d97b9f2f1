"""Check every address the content links to and store what each one answered.

Collecting the links and storing the results are plain Django code; the checking in between runs
on asyncio with one ``httpx.AsyncClient``. httpx is a well-kept client with timeouts for each phase
of a request, connection pooling, redirect following that records every hop (``response.history``)
and an async API, so hundreds of slow foreign servers can be waited on at once without a thread each.

Rules: at most ``concurrency`` requests at once and ``per_host`` per host, so no site is hammered;
HEAD first (cheap), GET when HEAD is refused (405/501), answers with an error status or fails
for another reason than a timeout or a refused connection, since many servers answer HEAD badly;
redirects are followed up to ``max_redirects`` and recorded; every check is bounded by a deadline.
"""

import asyncio
import html.parser
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

import httpx
from django.db import transaction
from django.utils import timezone

from events.models import Event
from sections.models import RelatedLink, Section

from .models import CheckedURL, LinkOccurrence, Outcome

USER_AGENT = "EmbassySiteLinkChecker/1.0 (+checks the links on the embassy's pages)"
FALLBACK_TO_GET = {405, 501}


@dataclass
class Found:
    """One place a link appears."""

    url: str
    kind: str
    text: str = ""
    section_id: int | None = None
    event_id: int | None = None
    related_link_id: int | None = None
    page_id: int | None = None


@dataclass
class Result:
    url: str
    status_code: int | None = None
    error: str = ""
    final_url: str = ""
    redirect_chain: list = field(default_factory=list)

    @property
    def outcome(self):
        code = self.status_code
        if code is None:
            return Outcome.NO_RESPONSE
        if 200 <= code < 300:
            return Outcome.REDIRECTED if self.redirect_chain else Outcome.OK
        if 400 <= code < 500:
            return Outcome.CLIENT_ERROR
        if code >= 500:
            return Outcome.SERVER_ERROR
        return Outcome.NO_RESPONSE  # a 1xx or a redirect without a target leads nowhere


# --------------------------------------------------------------------------------------------------
# Where the links are
# --------------------------------------------------------------------------------------------------


class _AnchorParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self._open = [href, ""]
                self.links.append(self._open)

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = None


def links_in_html(rendered):
    """``(url, text)`` for each web link in rendered Markdown (the rendering resolves every Markdown link form)."""
    parser = _AnchorParser()
    parser.feed(rendered or "")
    parser.close()
    return [(href.strip(), " ".join(text.split())) for href, text in parser.links]


def checkable(url):
    url = urldefrag(url.strip())[0]
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def collect_links():
    """Every web link in the content: related links, and links in section and event texts."""
    found = []
    for link in RelatedLink.objects.select_related("section"):
        url = checkable(link.url)
        if url:
            section = link.section
            found.append(
                Found(
                    url=url,
                    kind=LinkOccurrence.Kind.RELATED_LINK,
                    text=link.title,
                    section_id=section.pk,
                    related_link_id=link.pk,
                    page_id=section.page_id or section.pk,
                )
            )
    for section in Section.objects.exclude(body_html="").only("id", "page_id", "body_html"):
        for href, text in links_in_html(section.body_html):
            url = checkable(href)
            if url:
                found.append(
                    Found(
                        url=url,
                        kind=LinkOccurrence.Kind.SECTION_TEXT,
                        text=text,
                        section_id=section.pk,
                        page_id=section.page_id or section.pk,
                    )
                )
    for event in (
        Event.objects.exclude(body_html="")
        .select_related("section")
        .only("id", "body_html", "section__id", "section__page_id")
    ):
        page_id = (event.section.page_id or event.section.pk) if event.section_id else None
        for href, text in links_in_html(event.body_html):
            url = checkable(href)
            if url:
                found.append(Found(url=url, kind=LinkOccurrence.Kind.EVENT_TEXT, text=text, event_id=event.pk,
                                   section_id=event.section_id, page_id=page_id))  # fmt: skip
    return found


# --------------------------------------------------------------------------------------------------
# Checking
# --------------------------------------------------------------------------------------------------


def describe(error, timeout):
    if isinstance(error, httpx.TimeoutException):
        return f"No answer within {timeout:g} seconds ({type(error).__name__})."
    if isinstance(error, httpx.TooManyRedirects):
        return "Too many redirects."
    if isinstance(error, httpx.ConnectError):
        return f"Could not connect: {error or 'connection failed'}."
    if isinstance(error, httpx.HTTPError):
        return f"{type(error).__name__}: {error or 'request failed'}."
    return f"{type(error).__name__}: {error}"


def result_from(url, response):
    chain = [{"status": hop.status_code, "url": str(hop.url)} for hop in response.history]
    return Result(url=url, status_code=response.status_code, final_url=str(response.url), redirect_chain=chain)


async def check_one(client, url, timeout):
    try:
        head = await client.head(url)
        if head.status_code not in FALLBACK_TO_GET and head.status_code < 400:
            return result_from(url, head)
    except (httpx.TimeoutException, httpx.ConnectError, httpx.UnsupportedProtocol, httpx.InvalidURL) as error:
        return Result(url=url, error=describe(error, timeout))
    except httpx.HTTPError:
        pass  # some servers break on HEAD; GET says what a reader would get
    try:
        async with client.stream("GET", url) as response:
            return result_from(url, response)  # the headers say enough; the body is never read
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        return Result(url=url, error=describe(error, timeout))


async def check_all(urls, *, timeout=10.0, concurrency=10, per_host=2, max_redirects=10):
    """Check each of ``urls`` once; return ``{url: Result}``."""
    overall = timeout * (max_redirects + 2) * 2  # a HEAD and a GET, each hop bounded by ``timeout``
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    everyone = asyncio.Semaphore(concurrency)
    hosts = defaultdict(lambda: asyncio.Semaphore(per_host))
    async with httpx.AsyncClient(
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=max_redirects,
        limits=limits,
        headers={"User-Agent": USER_AGENT},
    ) as client:

        async def bounded(url):
            async with hosts[(urlsplit(url).hostname or "").lower()], everyone:
                try:
                    return await asyncio.wait_for(check_one(client, url, timeout), overall)
                except TimeoutError:
                    return Result(url=url, error=f"No complete answer within {overall:g} seconds.")

        results = await asyncio.gather(*(bounded(url) for url in urls))
    return {result.url: result for result in results}


# --------------------------------------------------------------------------------------------------
# Storing
# --------------------------------------------------------------------------------------------------


@transaction.atomic
def store_results(found, results, checked_at=None):
    """Save each URL's result and where it appears; forget URLs that no longer appear anywhere."""
    checked_at = checked_at or timezone.now()
    rows = {}
    for url, result in results.items():
        row = CheckedURL.objects.filter(url=url).first() or CheckedURL(url=url)
        row.outcome = result.outcome
        row.status_code = result.status_code
        row.error = result.error
        row.final_url = result.final_url
        row.redirect_chain = result.redirect_chain
        row.checked_at = checked_at
        row.save()
        rows[url] = row
    CheckedURL.objects.exclude(url__in=[item.url for item in found]).delete()
    LinkOccurrence.objects.all().delete()
    LinkOccurrence.objects.bulk_create(
        LinkOccurrence(
            checked_url=rows[item.url],
            kind=item.kind,
            link_text=item.text[:255],
            page_id=item.page_id,
            section_id=item.section_id,
            event_id=item.event_id,
            related_link_id=item.related_link_id,
        )
        for item in found
        if item.url in rows
    )
    return rows


def check_links(*, timeout=10.0, concurrency=10, per_host=2, max_redirects=10):
    """Collect, check and store every link; return ``(found, results)``."""
    found = collect_links()
    urls = sorted({item.url for item in found})
    results = asyncio.run(
        check_all(urls, timeout=timeout, concurrency=concurrency, per_host=per_host, max_redirects=max_redirects)
    )
    store_results(found, results)
    return found, results
