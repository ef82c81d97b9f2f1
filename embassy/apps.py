from django.apps import AppConfig


class EmbassyConfig(AppConfig):
    """The project itself: its static files, the backup and restore commands, and its migration history."""

    name = "embassy"
    verbose_name = "Project"
