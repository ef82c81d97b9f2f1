from django.apps import AppConfig


class NoticesConfig(AppConfig):
    """Consular notices: the banner at the top of public pages, and the office closures that feed it."""

    name = "notices"
    verbose_name = "Notices"
