"""Cache invalidation: any change to content retires every cached page and the cached header and footer."""

from django.db.models.signals import post_delete, post_save

from .pagecache import content_changed

# Everything that appears on a public page. Bulk updates bypass these signals: code that
# uses QuerySet.update() on these models calls content_changed() itself.
CONTENT_MODELS = [
    "embassy.SiteSettings",
    "embassy.PhoneLine",
    "embassy.FooterLink",
    "sections.Section",
    "sections.RelatedLink",
    "sections.ChangeNote",
    "events.Event",
    "photos.Photo",
    "photos.PhotoPlacement",
]


def connect():
    from django.apps import apps

    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        post_save.connect(content_changed, sender=model, dispatch_uid=f"content-save-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"content-delete-{label}")
