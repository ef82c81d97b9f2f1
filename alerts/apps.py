from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """E-mail alerts: subscriptions confirmed by e-mail, and the messages a publication sends."""

    name = "alerts"
    verbose_name = "E-mail alerts"

    def ready(self):
        from publishing.signals import item_published, publication_audience

        from . import services

        item_published.connect(services.on_published, dispatch_uid="alerts-on-published")
        publication_audience.connect(services.audience_count, dispatch_uid="alerts-audience")
