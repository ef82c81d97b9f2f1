"""Keep the search index in step: every save or delete of a section, event or photograph updates its document."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from .documents import index_object, remove_object
from .models import SOURCE_MODELS


def connect():
    for kind, label in SOURCE_MODELS.items():
        model = apps.get_model(label)

        def saved(sender, instance, raw=False, _kind=kind, **kwargs):
            if not raw:  # fixtures: `rebuild_search_index` afterwards
                index_object(_kind, instance)

        def deleted(sender, instance, _kind=kind, **kwargs):
            remove_object(_kind, instance.pk)

        post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"search-save-{kind}")
        post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"search-delete-{kind}")
