from django.db.models import Max
from django.urls import reverse

from sitewide.languages import BilingualSitemap

from .models import Event


class EventSitemap(BilingualSitemap):
    def items(self):
        return Event.objects.public().order_by("-starts_on", "pk")

    def lastmod(self, event):
        return event.updated_at


class EventListSitemap(BilingualSitemap):
    def items(self):
        return ["events:list"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        # Asked once per language: read once.
        if not hasattr(self, "latest"):
            self.latest = Event.objects.public().aggregate(latest=Max("updated_at"))["latest"]
        return self.latest
