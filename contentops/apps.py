from django.apps import AppConfig


class ContentOpsConfig(AppConfig):
    """Importing legacy pages, exporting content, checking links and keeping review dates."""

    name = "contentops"
    verbose_name = "Content operations"

    def ready(self):
        from . import signals  # noqa: F401
