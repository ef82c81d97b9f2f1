"""Files and transactions: a file stays only if the transaction that stored it commits.

Files are written before the rows that point to them (the storage is not part of the transaction), so
two things can go wrong, and both are handled here, for requests and management commands alike:

* the database refuses the row, or something later fails and the transaction (or the savepoint the
  write happened in) rolls back: the files just written must go again. Within a
  :func:`keep_files_only_on_commit` block, every file written through a tracked storage
  (:class:`TransactionalStorageMixin`: the media storage on disk or on S3) asks to be confirmed when its
  transaction commits; when the block ends, every file never confirmed is deleted. The middleware opens
  a block around each request; commands open one around their transaction;
* a photograph is deleted or its image replaced: the old files must go, but only once the change is
  committed, or a rollback would leave a row pointing at nothing (:func:`delete_after_commit`).

Only Django's public transaction API is used: ``on_commit`` callbacks, which a rollback discards.
"""

import contextlib
import contextvars
import logging

from django.core.files.storage import default_storage
from django.db import transaction

logger = logging.getLogger(__name__)

_pending = contextvars.ContextVar("photos_uncommitted_files", default=None)


class _PendingFiles:
    """The files written during one block, each with whether its transaction has committed."""

    def __init__(self):
        self.files = []

    def add(self, storage, name):
        entry = [storage, name, False]
        self.files.append(entry)

        def confirm():
            entry[2] = True

        # Runs when the transaction around the write commits (at once when there is none). A rollback,
        # of the whole transaction or of the savepoint the write happened in, throws the callback away.
        transaction.on_commit(confirm)

    def settle(self):
        if transaction.get_connection().in_atomic_block:
            # The block ends inside a transaction that outlives it (a test's, or a caller's atomic block
            # around it): decide when that commits. Open the block outside the transaction to also clean
            # up after a rollback of it.
            files, self.files = self.files, []
            transaction.on_commit(lambda: _delete_unconfirmed(files))
        else:
            _delete_unconfirmed(self.files)
            self.files = []


def _delete_unconfirmed(files):
    for storage, name, committed in files:
        if committed:
            continue
        try:
            storage.delete(name)
            logger.warning("Deleted %s: it was stored by a transaction that was rolled back.", name)
        except OSError:
            logger.exception("Could not delete %s, stored by a transaction that was rolled back.", name)


@contextlib.contextmanager
def keep_files_only_on_commit():
    """Within this block, files written through tracked storages are deleted unless their transaction commits.

    Put it around the transaction, not inside it. Blocks nest: an inner block leaves the decision to the
    outermost one, since the transaction it shares with it may still roll back.
    """
    if _pending.get() is not None:
        yield
        return
    pending = _PendingFiles()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
        pending.settle()


class TransactionalStorageMixin:
    """Ties every write of a storage to the current transaction (put it before the storage class)."""

    def _save(self, name, content):
        name = super()._save(name, content)
        pending = _pending.get()
        if pending is not None:
            pending.add(self, name)
        return name


def delete_files(names, storage=None):
    """Remove ``names`` from the storage, ignoring any already gone."""
    storage = storage or default_storage
    for name in names:
        if name and storage.exists(name):
            storage.delete(name)


def delete_after_commit(names):
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: delete_files(names))
