from django.apps import AppConfig


class SectionsConfig(AppConfig):
    """Pages and their numbered sections, with related links."""

    name = "sections"
    verbose_name = "Pages and sections"
