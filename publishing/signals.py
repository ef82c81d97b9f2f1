"""Cache invalidation: any change to public content retires every cached page and the cached header and footer."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from .pagecache import content_changed
from .registry import public_content_models

# Sent by code that writes rows with bulk_create, which sends no post_save: its receivers do for all
# the rows at once what the post_save receivers do for one. Sender: the model; ``objects``: the new rows.
rows_created_in_bulk = Signal()

# Sent when an item is published (first publication, or its draft made the published edition), inside the
# transaction that publishes it: ``item``, ``note`` (the change note, may be blank), ``user``, ``first`` (whether
# this is its first publication). The e-mail alerts (alerts app, a layer above) queue their messages from it.
item_published = Signal()

# Asked by the admin before publishing: each receiver answers how many people publishing ``item`` (or, with
# ``item`` None, a new row of the sender model) would e-mail, or None when it sends nothing for it.
publication_audience = Signal()


def bulk_content_changed(sender, **kwargs):
    if sender in public_content_models():
        content_changed()


def connect():
    # Bulk updates bypass these signals: code that uses QuerySet.update() on these models calls
    # content_changed() itself.
    for model in public_content_models():
        label = model._meta.label
        post_save.connect(content_changed, sender=model, dispatch_uid=f"content-save-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"content-delete-{label}")
    rows_created_in_bulk.connect(bulk_content_changed, dispatch_uid="content-created-in-bulk")
