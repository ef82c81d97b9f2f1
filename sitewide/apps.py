from django.apps import AppConfig


class SitewideConfig(AppConfig):
    """What every public page shares: the embassy's name, address and telephone lines, and the page's metadata."""

    name = "sitewide"
    verbose_name = "Site"
