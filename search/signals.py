"""Keep the search index in step: every save or delete of a section, event or photograph updates its documents,
and so does every change to where a photograph is placed (a photograph is searchable once it is shown)."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from publishing.signals import rows_created_in_bulk

from .documents import index_object, index_objects, remove_object
from .models import PLACEMENT_MODEL, SOURCE_MODELS, SearchDocument


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

        def created_in_bulk(sender, objects, _kind=kind, **kwargs):
            index_objects(_kind, objects)

        rows_created_in_bulk.connect(created_in_bulk, sender=model, weak=False, dispatch_uid=f"search-bulk-{kind}")

    placement_model = apps.get_model(PLACEMENT_MODEL)
    photo_model = apps.get_model(SOURCE_MODELS[SearchDocument.Kind.PHOTO])

    def placement_changed(sender, instance, raw=False, **kwargs):
        if raw:
            return
        photo = photo_model.objects.filter(pk=instance.photo_id).first()  # gone when deleted with it
        if photo is not None:
            index_object(SearchDocument.Kind.PHOTO, photo)

    def placements_created_in_bulk(sender, objects, **kwargs):
        photo_ids = {placement.photo_id for placement in objects}
        index_objects(SearchDocument.Kind.PHOTO, photo_model.objects.filter(pk__in=photo_ids))

    post_save.connect(placement_changed, sender=placement_model, weak=False, dispatch_uid="search-placement-save")
    post_delete.connect(placement_changed, sender=placement_model, weak=False, dispatch_uid="search-placement-delete")
    rows_created_in_bulk.connect(
        placements_created_in_bulk, sender=placement_model, weak=False, dispatch_uid="search-placement-bulk"
    )
