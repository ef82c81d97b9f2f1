from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PublishingConfig(AppConfig):
    """Status, schedule and visibility of public content; the publishing operations, roles and revisions."""

    name = "publishing"
    verbose_name = "Publishing"

    def ready(self):
        from . import roles, signals

        signals.connect()
        # After every migrate, so that a new model's permissions join its role.
        post_migrate.connect(roles.sync_roles, sender=self, dispatch_uid="publishing-sync-roles")
