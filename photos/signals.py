"""A deleted photograph takes its files with it, once the deletion is committed."""

from django.db.models.signals import post_delete

from .cleanup import delete_after_commit


def delete_photo_files(sender, instance, **kwargs):
    delete_after_commit(instance.file_names())


def connect():
    from .models import Photo

    # post_delete also fires for each photograph removed by a queryset delete (the admin's bulk action).
    post_delete.connect(delete_photo_files, sender=Photo, dispatch_uid="photos-delete-files")
