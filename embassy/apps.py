from django.apps import AppConfig


class EmbassyConfig(AppConfig):
    """Site-wide pieces: the footer settings, the Markdown renderer and the publishing rules."""

    name = "embassy"
    verbose_name = "Site"

    def ready(self):
        from . import signals

        signals.connect()
