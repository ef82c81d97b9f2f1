"""The full-text index, and the first fill of the documents table.

On SQLite: an FTS5 table over search_searchdocument ("external content"), kept in
step by triggers, so every write to the documents table, by the ORM, a flush or a
rollback, reaches the index in the same transaction. The trigram tokenizer
matches any substring of three or more characters, case-insensitively, which
also finds Japanese words such as 日米関係 that have no spaces to split on.
On PostgreSQL nothing is needed: its backend searches the documents table with
tsvector functions and substring matching.
"""

from django.db import migrations

FTS_TABLE = "search_document_fts"
CREATE_SQL = [
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        title, body, content='search_searchdocument', content_rowid='id', tokenize='trigram'
    )""",
    f"""CREATE TRIGGER search_document_ai AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    f"""CREATE TRIGGER search_document_ad AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    END""",
    f"""CREATE TRIGGER search_document_au AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
DROP_SQL = [
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in CREATE_SQL:
            schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP_SQL:
            schema_editor.execute(statement)


def fill_documents(apps, schema_editor):
    """Done by migration 0003, which replaced this index and fills the documents in every language."""


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_documents"),
        ("sections", "0004_section_former_slugs"),
        ("events", "0001_initial"),
        ("photos", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(fill_documents, migrations.RunPython.noop),
    ]
