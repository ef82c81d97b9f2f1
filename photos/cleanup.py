"""Keeping the media storage in step with the database.

Files are written before the row that points to them (the storage is not part
of the transaction), so two things can go wrong, and both are handled here:

* the database refuses the row, or something later in the same request fails
  and the transaction rolls back: the files just written must go again
  (:func:`removing_new_files_on_error`, and :meth:`Photo.save` for its own write);
* a photograph is deleted or its image replaced: the old files must go, but
  only once the change is committed, or a rollback would leave a row pointing
  at nothing (:func:`delete_after_commit`).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

from .renditions import delete_files

_new_files = ContextVar("photos_new_files", default=None)


def note_new_files(names):
    """Remember files written during the current :func:`removing_new_files_on_error` block, if any."""
    pending = _new_files.get()
    if pending is not None:
        pending.extend(names)


@contextmanager
def removing_new_files_on_error():
    """Around a transaction that saves photographs: if it fails (and so rolls back), delete the files it wrote.

    The block must enclose the whole transaction (not sit inside it), or files of rows
    that were committed after all could be deleted.
    """
    pending = []
    token = _new_files.set(pending)
    try:
        yield
    except BaseException:
        delete_files(pending)
        raise
    finally:
        _new_files.reset(token)
    # Nested inside another such block: the outer request may still fail after this part succeeded.
    note_new_files(pending)


def delete_after_commit(names):
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: delete_files(names))
