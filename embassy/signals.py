"""Cache invalidation: when anything shown in the header or footer is saved, forget the cached copy."""

from django.db.models.signals import post_delete, post_save

from .chrome import forget_site_chrome


def connect():
    from sections.models import Section

    from .models import FooterLink, PhoneLine, SiteSettings

    for model in (SiteSettings, PhoneLine, FooterLink, Section):
        post_save.connect(forget_site_chrome, sender=model, dispatch_uid=f"chrome-save-{model.__name__}")
        post_delete.connect(forget_site_chrome, sender=model, dispatch_uid=f"chrome-delete-{model.__name__}")
