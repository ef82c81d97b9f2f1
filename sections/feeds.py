from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from markup.feeds import XmlSafeAtom1Feed
from sections.chrome import get_site_chrome
from sitewide.seo import describe

from .models import Section

FEED_ITEMS = 50


class UpdatedPagesFeed(Feed):
    """Pages and sections, most recently changed first, so that readers learn when the text changes."""

    feed_type = XmlSafeAtom1Feed

    def title(self):
        return _("Updated pages – %(name)s") % {"name": get_site_chrome().embassy_name}

    def subtitle(self):
        return _("Pages and sections of the site, most recently updated first.")

    def link(self):
        return reverse("sections:home")

    def feed_url(self):
        return reverse("updates_feed")

    def items(self):
        return Section.objects.visible().select_related("page").order_by("-updated_at", "path")[:FEED_ITEMS]

    def item_title(self, section):
        return section.title if section.is_page else f"{section.title} ({section.page.title})"

    def item_description(self, section):
        return describe(section.summary, section.body_html)

    def item_link(self, section):
        return section.get_absolute_url()

    def item_guid(self, section):
        return f"section-{section.pk}-{section.updated_at:%Y%m%d%H%M%S}"

    item_guid_is_permalink = False

    def item_pubdate(self, section):
        return section.created_at

    def item_updateddate(self, section):
        return section.updated_at
