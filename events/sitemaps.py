from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Event


class EventSitemap(Sitemap):
    def items(self):
        return Event.objects.public().order_by("-starts_on", "pk")

    def lastmod(self, event):
        return event.updated_at


class EventListSitemap(Sitemap):
    def items(self):
        return ["events:list"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return Event.objects.public().aggregate(latest=Max("updated_at"))["latest"]
