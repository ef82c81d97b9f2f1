"""The parts of every public page that come from site settings: navigation and footer.

They change rarely and appear on every page, so they are built once and kept in
the cache until something they show is saved, or until the next scheduled
publication of a navigation page.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Min, Q
from django.utils import timezone

CACHE_KEY = "site-chrome"
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


def build_site_chrome():
    from sections.models import Section

    from .models import SiteSettings

    settings = SiteSettings.load()
    pages = list(Section.objects.pages().public().values("pk", "title", "slug", "show_in_navigation"))
    public_page_ids = {page["pk"] for page in pages}
    footer_links = [
        {"text": link.text, "url": link.page.get_absolute_url()}
        for link in settings.footer_links.select_related("page")
        if link.page_id in public_page_ids
    ]
    navigation = [
        {"title": page["title"], "slug": page["slug"], "pk": page["pk"]} for page in pages if page["show_in_navigation"]
    ]
    home_page_id = settings.home_page_id if settings.home_page_id in public_page_ids else None
    if home_page_id is None and pages:
        home_page_id = pages[0]["pk"]
    return SiteChrome(
        embassy_name=settings.embassy_name,
        address_lines=[line for line in settings.address.splitlines() if line.strip()],
        copyright_line=settings.copyright_line,
        phone_lines=[
            {"label": line.label, "telephone": line.telephone, "fax": line.fax} for line in settings.phone_lines.all()
        ],
        footer_links=footer_links,
        navigation=navigation,
        home_page_id=home_page_id,
    )


def seconds_until_next_page_schedule():
    from sections.models import Section

    now = timezone.now()
    upcoming = Section.objects.pages().aggregate(
        next_publish=Min("publish_at", filter=Q(publish_at__gt=now)),
        next_unpublish=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
    )
    moments = [moment for moment in upcoming.values() if moment]
    if not moments:
        return LONGEST_CACHE_SECONDS
    return max(1, min(LONGEST_CACHE_SECONDS, int((min(moments) - now).total_seconds()) + 1))


def get_site_chrome():
    chrome = cache.get(CACHE_KEY)
    if chrome is None:
        chrome = build_site_chrome()
        cache.set(CACHE_KEY, chrome, seconds_until_next_page_schedule())
    return chrome


def forget_site_chrome(**kwargs):
    cache.delete(CACHE_KEY)
