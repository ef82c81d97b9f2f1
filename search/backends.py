"""One search interface, two engines: SQLite FTS5 and PostgreSQL full-text search, over the same words.

A backend takes the query as phrases of index words (words.query_phrases) and the languages to look in, and
returns the matching documents, best first, as :class:`Hit` rows (published or not: visibility is decided
afterwards against the real rows). Words contain only letters and digits, and every value reaches the
database as a query parameter.

Ranking: BM25 (SQLite) or ts_rank (PostgreSQL), titles weighted above bodies, over every match when there are
at most ``MAX_RANKED``; above that, over the newest ``MAX_RANKED`` matches and the newest ``MAX_RANKED`` title
matches, and older matches are left out. Scoring costs about a microsecond per document, and a word found in
most documents cannot rank them anyway (SQLite's BM25 gives a word in more than half of the documents an
inverse document frequency of almost nothing). Measured on the large site (16,608 English documents, "alliance"
in 11,565 of them): scoring every match took 14 ms on SQLite (about 2 µs a document); with the bound, the
whole query takes about 3 ms.
"""

from dataclasses import dataclass

from django.db import connection

MAX_RANKED = 500


@dataclass(frozen=True)
class Hit:
    document_id: int
    kind: str
    object_id: int


# An English document stands in for an object only while the object has no document in the reader's language.
STAND_IN_ONLY = (
    "(r.part = 0 OR NOT EXISTS (SELECT 1 FROM search_searchdocument t "
    "WHERE t.kind = d.kind AND t.object_id = d.object_id AND t.language = %(reader_language)s))"
)


class SQLiteBackend:
    """FTS5, a table per language (migration 0003): a phrase per term, all terms required. One statement: each
    language's best matches (the reader's language first), joined to the documents."""

    @staticmethod
    def _match(phrases, column=None):
        """Every phrase, each an FTS5 string ("..."): nothing inside is query syntax (the words hold no quote;
        escaped anyway). Only the last phrase ends in a prefix: the word being typed. A prefix costs FTS5 twice
        the time of a whole word (measured: 1.3 against 0.6 ms on the large site), so finished words are whole."""
        strings = ['"{}"'.format(" ".join(phrase).replace('"', '""')) for phrase in phrases]
        strings[-1] += " *"
        if column:
            strings = [f"{column} : ({string})" for string in strings]
        return " AND ".join(strings)

    @staticmethod
    def _ranked(part, table):
        """The best matches in ``table``: BM25 (titles ten times bodies) over the newest MAX_RANKED matches, and
        the newest MAX_RANKED title matches by their title. Each set is bounded by a rowid, which FTS5 applies
        inside its index, so the other matches are never scored. (A condition joining the two with OR, or a
        rowid IN list, is not applied inside the index: measured at 9.5 s for one query.)"""

        def newest(match):
            return f"""SELECT rowid AS id, bm25({table}, 10.0, 1.0) AS score FROM {table}
                WHERE {table} MATCH {match} AND rowid >= COALESCE((
                    SELECT rowid FROM {table} WHERE {table} MATCH {match} ORDER BY rowid DESC LIMIT 1 OFFSET %(skip)s
                ), 0)"""

        return f"""SELECT {part} AS part, id, MIN(score) AS score
            FROM ({newest("%(match)s")} UNION ALL {newest("%(titles)s")})
            GROUP BY id ORDER BY score, id LIMIT %(limit)s"""

    def search(self, phrases, languages, limit, *, unless_translated=None):
        parts = " UNION ALL ".join(
            f"SELECT * FROM ({self._ranked(part, f'search_fts_{language}')})" for part, language in enumerate(languages)
        )
        sql = f"SELECT d.id, d.kind, d.object_id FROM ({parts}) r JOIN search_searchdocument d ON d.id = r.id"
        if unless_translated:
            sql += f" WHERE {STAND_IN_ONLY}"
        params = {
            "match": self._match(phrases),
            "titles": self._match(phrases, column="title_words"),
            "skip": MAX_RANKED - 1,
            "limit": limit,
            "reader_language": unless_translated,
        }
        with connection.cursor() as cursor:
            cursor.execute(f"{sql} ORDER BY r.part, r.score, d.id LIMIT %(limit)s", params)
            return [Hit(*row) for row in cursor.fetchall()]


class PostgreSQLBackend:
    """The stored tsvector (migration 0003, 'simple' configuration: the words are already normalised), matched
    with a tsquery of the phrases, ranked by ts_rank with titles (weight A) ten times bodies (weight B), over the
    newest MAX_RANKED matches and the title matches, as on SQLite."""

    @staticmethod
    def _tsquery(phrases, weight=""):
        """Each word quoted as a tsquery lexeme; a phrase's words must follow one another (<->); the last word of
        the last phrase is a prefix (:*), as on SQLite; ``weight`` "A" matches titles only. Words are letters and
        digits only: no quote or operator can be inside one."""
        queries = []
        for number, phrase in enumerate(phrases, start=1):
            lexemes = [f"'{word}'" for word in phrase]
            if number == len(phrases):
                lexemes[-1] += ":*"
            if weight:
                lexemes = [f"{lexeme}{weight}" if lexeme.endswith("*") else f"{lexeme}:{weight}" for lexeme in lexemes]
            queries.append("(" + " <-> ".join(lexemes) + ")")
        return " & ".join(queries)

    def search(self, phrases, languages, limit, *, unless_translated=None):
        sql = """
            WITH q AS (SELECT to_tsquery('simple', %(match)s) AS query, to_tsquery('simple', %(titles)s) AS titles),
            matches AS (
                SELECT d.id, d.kind, d.object_id, d.language, d.search_vector,
                       array_position(%(languages)s, d.language::text) - 1 AS part,
                       row_number() OVER (PARTITION BY d.language ORDER BY d.id DESC) AS newness,
                       row_number() OVER (
                           PARTITION BY d.language, d.search_vector @@ q.titles ORDER BY d.id DESC
                       ) AS title_newness,
                       d.search_vector @@ q.titles AS in_title
                FROM search_searchdocument d, q
                WHERE d.search_vector @@ q.query AND d.language = ANY(%(languages)s)
            )
            SELECT d.id, d.kind, d.object_id FROM matches d, q r
            WHERE (d.newness <= %(bound)s OR (d.in_title AND d.title_newness <= %(bound)s))
        """
        if unless_translated:
            sql += " AND " + STAND_IN_ONLY.replace("r.part", "d.part")
        sql += """
            ORDER BY d.part, ts_rank('{0, 0, 0.1, 1}', d.search_vector, r.query) DESC, d.id LIMIT %(limit)s
        """
        params = {
            "match": self._tsquery(phrases),
            "titles": self._tsquery(phrases, weight="A"),
            "languages": list(languages),
            "bound": MAX_RANKED,
            "limit": limit,
            "reader_language": unless_translated,
        }
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [Hit(*row) for row in cursor.fetchall()]


def get_backend():
    """The backend for the database in use."""
    if connection.vendor == "postgresql":
        return PostgreSQLBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"No search backend for {connection.vendor}.")
