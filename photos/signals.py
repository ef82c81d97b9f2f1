"""A deleted photograph takes its files with it, once the deletion is committed."""

from django.db.models.signals import post_delete

from .storage import delete_after_commit


def delete_photo_files(sender, instance, **kwargs):
    # Generated sites (make_large_site) give many photographs the same image and renditions:
    # the files stay while any other photograph still uses them.
    if instance.image and sender.objects.filter(image=instance.image.name).exists():
        return
    delete_after_commit(instance.file_names())


def connect():
    from .models import Photo

    # post_delete also fires for each photograph removed by a queryset delete (the admin's bulk action).
    post_delete.connect(delete_photo_files, sender=Photo, dispatch_uid="photos-delete-files")
