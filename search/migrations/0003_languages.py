"""Documents per language, and a full-text index of words (search/words.py) in place of trigrams.

On SQLite: the trigram FTS5 table of migration 0002 is replaced by an FTS5 table per language over the
documents' words, with the unicode61 tokenizer (the words are already split; it only reads them), kept in step
by triggers as before. On PostgreSQL: stored tsvector columns computed from the same words (the whole document, titles
weighted above bodies, and the titles alone), each with a GIN index, so a search reads the index instead of
parsing every document.
"""

from django.db import migrations, models

FTS_TABLE = "search_document_fts"
SQLITE_OLD_INDEX = [
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
# A table per language: a search reads only its own language's words, with no filter to apply to every match
# (a "language" column in one table meant intersecting each query with half of all documents).
LANGUAGES = ("en", "ja")
COLUMNS = "title_words, body_words"


def sqlite_index(language):
    table = f"search_fts_{language}"
    return [
        f"""CREATE VIRTUAL TABLE {table} USING fts5(
            {COLUMNS}, content='search_searchdocument', content_rowid='id', tokenize='unicode61 remove_diacritics 0'
        )""",
        f"""CREATE TRIGGER {table}_ai AFTER INSERT ON search_searchdocument WHEN new.language = '{language}' BEGIN
            INSERT INTO {table}(rowid, {COLUMNS}) VALUES (new.id, new.title_words, new.body_words);
        END""",
        f"""CREATE TRIGGER {table}_ad AFTER DELETE ON search_searchdocument WHEN old.language = '{language}' BEGIN
            INSERT INTO {table}({table}, rowid, {COLUMNS}) VALUES ('delete', old.id, old.title_words, old.body_words);
        END""",
        # One trigger for updates (SQLite runs several in no order to rely on): the old words out, then the new in.
        f"""CREATE TRIGGER {table}_au AFTER UPDATE ON search_searchdocument
        WHEN old.language = '{language}' OR new.language = '{language}' BEGIN
            INSERT INTO {table}({table}, rowid, {COLUMNS})
            SELECT 'delete', old.id, old.title_words, old.body_words WHERE old.language = '{language}';
            INSERT INTO {table}(rowid, {COLUMNS})
            SELECT new.id, new.title_words, new.body_words WHERE new.language = '{language}';
        END""",
    ]


SQLITE_INDEX = [statement for language in LANGUAGES for statement in sqlite_index(language)]
SQLITE_DROP = [
    f"DROP {kind} IF EXISTS search_fts_{language}{suffix}"
    for language in LANGUAGES
    for kind, suffix in [("TRIGGER", "_ai"), ("TRIGGER", "_ad"), ("TRIGGER", "_au"), ("TABLE", "")]
]
POSTGRESQL_INDEX = [
    """ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_words), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_words), 'B')
    ) STORED""",
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (search_vector)",
    # The titles alone, so that title matches are found in an index rather than by reading every match's row.
    """ALTER TABLE search_searchdocument ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, title_words)
    ) STORED""",
    "CREATE INDEX search_document_title_vector ON search_searchdocument USING GIN (title_vector)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS search_document_title_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_vector",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def run(statements, vendor):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == vendor:
            for statement in statements:
                schema_editor.execute(statement)

    return operation


def fill_documents(apps, schema_editor):
    from search.documents import rebuild

    rebuild(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_sqlite_fts5_index"),
        ("sections", "0010_languages"),
        ("events", "0007_languages"),
        ("photos", "0008_languages"),
    ]

    operations = [
        migrations.RunPython(run(SQLITE_OLD_INDEX, "sqlite"), migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name='searchdocument',
            options={'ordering': ['kind', 'object_id', 'language']},
        ),
        migrations.RemoveConstraint(
            model_name='searchdocument',
            name='search_document_unique_object',
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='body_words',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='language',
            field=models.CharField(choices=[('en', 'English'), ('ja', '日本語')], default='en', max_length=8),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='title_words',
            field=models.TextField(blank=True),
        ),
        migrations.AddConstraint(
            model_name='searchdocument',
            constraint=models.UniqueConstraint(fields=('kind', 'object_id', 'language'), name='search_document_unique_object'),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='sole',
            field=models.BooleanField(default=True),
        ),
        migrations.AddIndex(
            model_name='searchdocument',
            index=models.Index(condition=models.Q(('sole', True)), fields=['language', 'id'], name='search_document_sole'),
        ),
        migrations.AddConstraint(
            model_name='searchdocument',
            constraint=models.CheckConstraint(condition=models.Q(('language__in', ['en', 'ja'])), name='search_document_known_language'),
        ),
        migrations.RunPython(run(SQLITE_INDEX, "sqlite"), run(SQLITE_DROP, "sqlite")),
        migrations.RunPython(run(POSTGRESQL_INDEX, "postgresql"), run(POSTGRESQL_DROP, "postgresql")),
        migrations.RunPython(fill_documents, migrations.RunPython.noop),
    ]
