"""The media storage on one machine. Its writes are tied to the transaction that makes them (photos.storage)."""

from django.core.files.storage import FileSystemStorage

from photos.storage import TransactionalStorageMixin


class TransactionalFileSystemStorage(TransactionalStorageMixin, FileSystemStorage):
    """Files under MEDIA_ROOT; a file whose transaction rolls back is deleted again."""
