"""Files and transactions: a file saved during a request stays only if the request's transaction commits.

Every request runs in a transaction (``ATOMIC_REQUESTS``). When a view fails half-way, or a form saves
a photograph and a later step rolls the savepoint back, the database forgets the rows, but a file
already written to MEDIA_ROOT would stay behind, unreferenced. The default storage therefore notes
each file it writes while a request is being handled and asks the database to confirm it on commit;
when the request is over, any file that was never confirmed is deleted.

Outside a tracked block (management commands, the shell) files are stored as usual. Code that writes
files through ``default_storage`` or a model's FileField needs nothing else; code that writes files
elsewhere can use :func:`discard_unless_committed` for them.
"""

import contextlib
import contextvars
import logging

from django.core.files.storage import FileSystemStorage
from django.db import connection, transaction

logger = logging.getLogger(__name__)

_pending = contextvars.ContextVar("embassy_uncommitted_files", default=None)


class _Confirmation:
    """An on-commit callback that remembers whether it ran."""

    def __init__(self):
        self.committed = False

    def __call__(self):
        self.committed = True


class _PendingFiles:
    def __init__(self):
        self.files = []

    def add(self, storage, name):
        confirmation = _Confirmation()
        self.files.append((storage, name, confirmation))
        # Runs when the transaction around the write commits (at once when there is none). A rollback,
        # of the whole transaction or of the savepoint the write happened in, throws the callback away.
        transaction.on_commit(confirmation)

    def discard_remaining(self):
        still_open = {id(callback) for _sids, callback, _robust in connection.run_on_commit}
        for storage, name, confirmation in self.files:
            if confirmation.committed or id(confirmation) in still_open:
                # Committed, or still inside a transaction that outlives the request (a test's).
                continue
            try:
                storage.delete(name)
                logger.warning("Deleted %s: it was stored by a request whose changes were rolled back.", name)
            except OSError:
                logger.exception("Could not delete %s, stored by a request that was rolled back.", name)
        self.files.clear()


@contextlib.contextmanager
def keep_files_only_on_commit():
    """Within this block, files written through tracked storages are deleted unless their transaction commits."""
    pending = _PendingFiles()
    token = _pending.set(pending)
    try:
        yield pending
    finally:
        _pending.reset(token)
        pending.discard_remaining()


def discard_unless_committed(storage, name):
    """Register a file written by other means than a tracked storage (e.g. a rendition written by hand)."""
    pending = _pending.get()
    if pending is not None:
        pending.add(storage, name)


class TransactionalStorageMixin:
    """Ties every write of a storage to the current transaction (put it before the storage class)."""

    def _save(self, name, content):
        name = super()._save(name, content)
        discard_unless_committed(self, name)
        return name


class TransactionalFileSystemStorage(TransactionalStorageMixin, FileSystemStorage):
    """The media storage on one machine: files under MEDIA_ROOT, writes tied to the current transaction."""
