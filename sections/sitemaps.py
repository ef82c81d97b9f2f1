from django.urls import reverse

from sections.chrome import get_site_chrome
from sitewide.languages import BilingualSitemap, hides_untranslated

from .models import Section


def _visible_with_latest_change():
    """Each visible section, with the latest change within it (itself or anything below it)."""
    visible = Section.objects.visible().select_related("page")
    latest = {}
    for section in visible:
        for level in range(1, section.depth + 1):
            path = section.path[: Section.steplen * level]
            if path not in latest or section.updated_at > latest[path]:
                latest[path] = section.updated_at
    return visible, latest


class PageSitemap(BilingualSitemap):
    """Every public page; the home page under the site's root address, which is its canonical one."""

    def items(self):
        visible, latest = _visible_with_latest_change()
        pages = [section for section in visible if section.is_page]
        for page in pages:
            page.latest_change = latest[page.path]
        # Read here, once: location() is asked in each language in turn.
        chrome = get_site_chrome()
        self.home_page_id = chrome.home_page_id
        self.hide_untranslated = hides_untranslated(chrome.untranslated_content)
        return pages

    def location(self, page):
        if page.pk == self.home_page_id:
            return reverse("sections:home")
        return page.get_absolute_url()

    def lastmod(self, page):
        return page.latest_change


class SectionSitemap(BilingualSitemap):
    """The top-level sections that can be read on their own page."""

    def items(self):
        visible, latest = _visible_with_latest_change()
        sections = [section for section in visible if section.has_own_url]
        for section in sections:
            section.latest_change = latest[section.path]
        self.hide_untranslated = hides_untranslated(get_site_chrome().untranslated_content)
        return sections

    def location(self, section):
        return section.get_own_url()

    def lastmod(self, section):
        return section.latest_change
