"""Cache invalidation: any change to public content retires every cached page and the cached header and footer."""

from django.db.models.signals import post_delete, post_save

from .pagecache import content_changed
from .registry import public_content_models


def connect():
    # Bulk updates bypass these signals: code that uses QuerySet.update() on these models calls
    # content_changed() itself.
    for model in public_content_models():
        label = model._meta.label
        post_save.connect(content_changed, sender=model, dispatch_uid=f"content-save-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"content-delete-{label}")
