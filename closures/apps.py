from django.apps import AppConfig


class ClosuresConfig(AppConfig):
    """Office closures: the days the embassy or one of its sections is closed, announced before each one."""

    name = "closures"
    verbose_name = "Office closures"
