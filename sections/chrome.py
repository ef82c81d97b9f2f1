"""The parts of every public page that come from site settings: navigation, footer and the notices' banner.

They change rarely and appear on every page, so they are built once and kept in
the cache for the current content generation (see :mod:`publishing.pagecache`),
or until the next scheduled change anywhere on the site (at or before the next one
of a navigation page).
"""

import functools
import math
from dataclasses import dataclass

from django.conf import settings as django_settings
from django.core.cache import cache
from django.db.models import F, IntegerField, Value
from django.urls import reverse
from django.utils import timezone, translation

from notices.banner import banner_notices
from publishing import per_request
from publishing.compiled import CompiledRows
from publishing.pagecache import current_generation, next_scheduled_change, share
from sitewide.languages import is_untranslated
from sitewide.models import FooterLink, PhoneLine, SiteSettings

from .models import Section

# Per language: the embassy's name, the footer and the navigation's titles are translated.
CACHE_KEY = "site-chrome:{generation}:{language}"
LONGEST_CACHE_SECONDS = 3600


@dataclass(frozen=True)
class SiteChrome:
    embassy_name: str
    address_lines: list
    copyright_line: str
    phone_lines: list
    footer_links: list
    navigation: list
    home_page_id: int | None
    # What readers of the Japanese site see where a text is not translated yet (sitewide.languages.Untranslated).
    untranslated_content: str = "english"
    # "en" when the embassy's name, address or copyright line is shown in English on a Japanese page: marked so.
    footer_lang: str = ""
    # The embassy's name in the default language, to recognise it as a page's publisher (publisher_in_language).
    default_embassy_name: str = ""
    # The notices at the top of pages (notices.banner), most severe first: kept with the chrome, so that a page
    # costs no query for its banner while the chrome is cached.
    notices: tuple = ()


def build_site_chrome():
    settings = SiteSettings.load()
    # Each page's title in the active language (falling back to the English), and whether it has its own.
    language = translation.get_language() or django_settings.LANGUAGE_CODE
    own_title = f"title_{language}"
    pages = [
        {"pk": pk, "slug": slug, "show_in_navigation": shown, "title": titles[-1] or titles[0], own_title: titles[-1]}
        for pk, slug, shown, *titles in _public_pages(language)(timezone.now())
    ]
    public_pages = {page["pk"]: page for page in pages}
    # A footer link's page is one of the public pages just read (else the link is left out): its title and
    # address come from there rather than from a join. The text is FooterLink.text's rule, on these values.
    # A label or title read in English on a Japanese page (its own column empty) carries lang="en", as in the header.
    footer_rows, phone_lines = _footer_links_and_phone_lines(language)
    footer_links = []
    for page_id, label, label_here in footer_rows:
        page = public_pages.get(page_id)
        if page is not None:
            footer_links.append(
                {
                    "text": label or page["title"],
                    "url": reverse("sections:page", kwargs={"slug": page["slug"]}),
                    "lang": "" if (label_here if label else page[own_title]) else django_settings.LANGUAGE_CODE,
                }
            )
    # A title shown in English on a Japanese page is marked lang="en".
    navigation = [
        {
            "title": page["title"],
            "slug": page["slug"],
            "pk": page["pk"],
            "lang": "" if page[own_title] else django_settings.LANGUAGE_CODE,
        }
        for page in pages
        if page["show_in_navigation"]
    ]
    home_page_id = settings.home_page_id if settings.home_page_id in public_pages else None
    if home_page_id is None and pages:
        home_page_id = pages[0]["pk"]
    return SiteChrome(
        embassy_name=settings.embassy_name,
        address_lines=[line for line in settings.address.splitlines() if line.strip()],
        copyright_line=settings.copyright_line,
        phone_lines=phone_lines,
        footer_links=footer_links,
        navigation=navigation,
        home_page_id=home_page_id,
        untranslated_content=settings.untranslated_content,
        footer_lang="en" if is_untranslated(settings) else "",
        default_embassy_name=getattr(settings, f"embassy_name_{django_settings.LANGUAGE_CODE}", settings.embassy_name),
        notices=tuple(banner_notices()),
    )


def publisher_in_language(publisher):
    """A page's publisher as the reader's language has it, and the language to mark it with ("" for the page's).

    The publisher is free text in the default language. When it names the embassy (its full name in the site
    settings, or the start of it: "Embassy of Japan"), the embassy's own name in the reader's language is shown,
    as the header and footer show it; any other publisher on a translated page stays as written, marked as such.
    """
    language = translation.get_language() or django_settings.LANGUAGE_CODE
    if language == django_settings.LANGUAGE_CODE or not publisher:
        return publisher, ""
    chrome = get_site_chrome()
    default_name = chrome.default_embassy_name.casefold()
    wanted = publisher.strip().casefold()
    names_the_embassy = default_name == wanted or default_name.startswith(wanted + " ")
    if names_the_embassy and not chrome.footer_lang:
        return chrome.embassy_name, ""
    return publisher, django_settings.LANGUAGE_CODE


def _footer_links_and_phone_lines(language):
    """The footer's links ``[(page_id, label, label in language)]`` and telephone lines ``[{label, telephone,
    fax, lang}]``, in one query; ``lang`` is "en" for a label read in English on a page in another language.

    One UNION ALL rather than two reads: an uncached page must stay within its budget of ten queries now that
    the chrome also reads the notices. The label in ``language`` falls back to the English, as
    django-modeltranslation's fields do.
    """
    rows = _footer_rows(language)()
    footer_links, phone_lines = [], []
    for kind, _position, _pk, page_id, *label_values, telephone, fax in rows:
        label = label_values[-1] or label_values[0]
        label_here = label_values[-1]
        if kind == 0:
            footer_links.append((page_id, label, label_here))
        else:
            lang = "" if label_here or not label else django_settings.LANGUAGE_CODE
            phone_lines.append({"label": label, "telephone": telephone, "fax": fax, "lang": lang})
    return footer_links, phone_lines


# The chrome's queries, built by the ORM and compiled once per process and language (publishing.compiled):
# compiled at each build, as every uncached page builds the chrome, they cost 3 ms of its 12 ms.


@functools.cache
def _public_pages(language):
    """(pk, slug, show_in_navigation, English title[, title in ``language``]) of each public page, in order."""
    titles = dict.fromkeys([f"title_{django_settings.LANGUAGE_CODE}", f"title_{language}"])
    return CompiledRows(
        lambda at: Section.objects.pages().public(at).values_list("pk", "slug", "show_in_navigation", *titles)
    )


@functools.cache
def _footer_rows(language):
    own, english = f"label_{language}", f"label_{django_settings.LANGUAGE_CODE}"
    # In English the label is read once (a column named twice comes back once).
    labels = [english] if own == english else [english, own]
    columns = ["kind", "position", "pk", "linked_page", *labels, "phone", "fax_line"]

    def build():
        links = FooterLink.objects.filter(site_settings_id=1).annotate(
            kind=Value(0), linked_page=F("page_id"), phone=Value(""), fax_line=Value("")
        )
        phones = PhoneLine.objects.filter(site_settings_id=1).annotate(
            kind=Value(1),
            linked_page=Value(None, output_field=IntegerField()),
            phone=F("telephone"),
            fax_line=F("fax"),
        )
        parts = [rows.order_by().values_list(*columns) for rows in (links, phones)]
        return parts[0].union(parts[1], all=True).order_by("kind", "position", "pk")

    return CompiledRows(build)


def get_site_chrome():
    # A page asks for the chrome several times (title, header, footer): within one request it is read from
    # the cache, or built, once, and again only if the generation moves on meanwhile.
    now = timezone.now()
    generation = current_generation()
    name = f"chrome:{translation.get_language()}"
    remembered = per_request.recall(name)
    if remembered is not None and remembered[0] == generation and (remembered[2] is None or now < remembered[2]):
        return remembered[1]
    chrome, valid_until = _cached_site_chrome(now, generation)
    per_request.remember(name, (generation, chrome, valid_until))
    return chrome


def _cached_site_chrome(now, generation):
    key = CACHE_KEY.format(generation=generation, language=translation.get_language())
    cached = cache.get(key)
    # The cached copy carries the moment it stops being true, checked here to the microsecond.
    if cached is not None and (cached[1] is None or now < cached[1]):
        return cached
    chrome = build_site_chrome()
    # The next scheduled change anywhere is at or before the next change to the navigation's pages.
    valid_until = next_scheduled_change(now)
    timeout = LONGEST_CACHE_SECONDS
    if valid_until is not None:
        timeout = max(1, min(LONGEST_CACHE_SECONDS, math.ceil((valid_until - now).total_seconds())))
    share(key, (chrome, valid_until), timeout)
    return chrome, valid_until
