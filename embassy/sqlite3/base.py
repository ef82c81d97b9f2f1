"""Django's SQLite backend, with the transaction mode chosen per request.

Every request runs in a transaction (``ATOMIC_REQUESTS``). A request that may write starts its
transaction with ``BEGIN IMMEDIATE``: it takes SQLite's single write lock at once and, when another
writer holds it, waits up to the busy timeout, instead of failing with "database is locked" when it
tries to write after reading. Reading requests (GET, HEAD, OPTIONS) start a plain deferred
transaction: in WAL mode they read a snapshot without taking the write lock, so visitors never queue
behind editors, nor each other. Outside requests (management commands) every transaction is immediate.

SQLite's query planner chooses indexes well only with statistics about them, which SQLite gathers
only when asked (ANALYZE). Without them, the page tree's events were read through the status index,
every published event of the site, instead of by section. As SQLite advises, each connection runs
``PRAGMA optimize`` when it closes: it analyses the tables its queries used whose statistics are
missing or out of date, a few milliseconds with the ``analysis_limit`` set in the settings.
Bulk loads (``make_large_site``) run ANALYZE themselves.
"""

import contextlib
import contextvars

from django.db.backends.sqlite3 import base

reading_request = contextvars.ContextVar("embassy_reading_request", default=False)


class DatabaseWrapper(base.DatabaseWrapper):
    def _start_transaction_under_autocommit(self):
        if reading_request.get():
            self.cursor().execute("BEGIN DEFERRED")
        else:
            super()._start_transaction_under_autocommit()

    def _close(self):
        if self.connection is not None and not self.is_in_memory_db():
            # Statistics are an optimisation: closing neither waits long for a writer's lock nor fails.
            with contextlib.suppress(base.Database.Error):
                self.connection.execute("PRAGMA busy_timeout=100")
                self.connection.execute("PRAGMA optimize")
        super()._close()
