"""The media storage on one machine. Its writes are tied to the transaction that makes them (photos.storage)."""

import os
import secrets

from django.core.files.storage import FileSystemStorage

from photos.storage import TransactionalStorageMixin

# What a file is called while it is being written (see AtomicFileSystemStorage); a backup leaves such files out.
PARTIAL_PREFIX = ".partial-"


class AtomicFileSystemStorage(FileSystemStorage):
    """Each file appears under its name only once it is whole.

    Django writes a file under its final name, so anything reading the folder meanwhile (a backup taken while an
    editor uploads) could copy half a photograph. Here it is written under a hidden name first, then linked to
    its own name, which either takes the name or finds it taken, as Django's exclusive create does.
    """

    def _save(self, name, content):
        directory, filename = os.path.split(name)
        staged = super()._save(os.path.join(directory, f"{PARTIAL_PREFIX}{secrets.token_hex(8)}-{filename}"), content)
        try:
            while True:
                try:
                    os.link(self.path(staged), self.path(name))
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
        finally:
            os.unlink(self.path(staged))
        return name.replace("\\", "/")


class TransactionalFileSystemStorage(TransactionalStorageMixin, AtomicFileSystemStorage):
    """Files under MEDIA_ROOT; a file whose transaction rolls back is deleted again."""
