from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from markup.feeds import XmlSafeAtom1Feed
from sitewide.models import SiteSettings

from .models import Event

FEED_ITEMS = 50


class EventsFeed(Feed):
    """The latest published events, newest event first."""

    feed_type = XmlSafeAtom1Feed

    def title(self):
        return _("Events – %(name)s") % {"name": SiteSettings.load().embassy_name}

    def subtitle(self):
        return _("Summits, ministerial meetings and other events in Japan-U.S. relations.")

    def link(self):
        return reverse("events:list")

    def feed_url(self):
        return reverse("events:feed")

    def items(self):
        return Event.objects.public()[:FEED_ITEMS]

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        parts = [event.summary, event.location, event.participants]
        return " — ".join(part for part in parts if part)

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_categories(self, event):
        return [str(event.year)]
