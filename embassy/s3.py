"""Media on an S3-compatible object store (several app servers share one bucket).

Imported only when AWS_STORAGE_BUCKET_NAME is set, so that django-storages and boto3 are not loaded on
a single machine that keeps its media on disk.
"""

from storages.backends.s3 import S3Storage

from photos.storage import TransactionalStorageMixin


class TransactionalS3Storage(TransactionalStorageMixin, S3Storage):
    """django-storages' S3 storage whose objects are deleted again when their request is rolled back."""
