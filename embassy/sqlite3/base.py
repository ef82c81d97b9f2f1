"""Django's SQLite backend, with the transaction mode chosen per request.

Every request runs in a transaction (``ATOMIC_REQUESTS``). A request that may write starts its
transaction with ``BEGIN IMMEDIATE``: it takes SQLite's single write lock at once and, when another
writer holds it, waits up to the busy timeout, instead of failing with "database is locked" when it
tries to write after reading. Reading requests (GET, HEAD, OPTIONS) start a plain deferred
transaction: in WAL mode they read a snapshot without taking the write lock, so visitors never queue
behind editors, nor each other. Outside requests (management commands) every transaction is immediate.
"""

import contextvars

from django.db.backends.sqlite3 import base

reading_request = contextvars.ContextVar("embassy_reading_request", default=False)


class DatabaseWrapper(base.DatabaseWrapper):
    def _start_transaction_under_autocommit(self):
        if reading_request.get():
            self.cursor().execute("BEGIN DEFERRED")
        else:
            super()._start_transaction_under_autocommit()
