from django.apps import AppConfig


class PhotosConfig(AppConfig):
    """Photographs with captions, credits and alt text, placed in sections and events."""

    name = "photos"
    verbose_name = "Photographs"

    def ready(self):
        from . import signals

        signals.connect()
