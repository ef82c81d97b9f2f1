"""PostgreSQL: the full-text GIN indexes take each document in at once, with no pending list.

With GIN's default ``fastupdate``, new entries wait in an unsorted pending list that every search reads from
start to end until a VACUUM merges it. After writing many documents (a rebuild, a large import) the list held
some 300 pages, and a search on the large site spent 5.6 ms of its 9 ms reading it (0.04 ms once merged).
Without it, writing documents is slower (a rebuild of 28,215 documents: 10.6 s → 13.4 s), and an embassy's
site writes little and is searched much. Nothing to do on SQLite.
"""

from django.db import migrations

INDEXES = ("search_document_vector", "search_document_title_vector")


def set_fastupdate(enabled):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for index in INDEXES:
            schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = {'on' if enabled else 'off'})")
            if not enabled:
                # What already waits in the list is merged now.
                schema_editor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0003_languages")]

    operations = [migrations.RunPython(set_fastupdate(False), set_fastupdate(True))]
