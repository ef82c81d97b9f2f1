from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Dated events: summits, ministerial meetings, "2+2" meetings."""

    name = "events"
