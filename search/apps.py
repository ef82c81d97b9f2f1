from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Full-text search over sections, events and photograph captions and credits."""

    name = "search"

    def ready(self):
        from . import signals

        signals.connect()
