from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Staff accounts and sign-in"

    def ready(self):
        # The sign-in events Django and django-axes announce are written to the audit log.
        from . import signals  # noqa: F401
