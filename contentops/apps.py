from django.apps import AppConfig


class ContentOpsConfig(AppConfig):
    """Importing legacy pages, exporting content, checking links and keeping review dates."""

    name = "contentops"
    verbose_name = "Content operations"
