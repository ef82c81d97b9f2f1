"""One search interface, two engines: SQLite FTS5 and PostgreSQL full-text search, over the same words.

A backend takes the query as phrases of index words (words.query_phrases), the language to look in and the
language whose sole documents stand in for missing translations, if any, and returns the matching documents,
best first (the reader's language before the stand-ins), as :class:`Hit` rows; what is public is decided
afterwards (results.py). Words contain only letters and digits, and every value reaches the
database as a query parameter.

Ranking: BM25 (SQLite) or ts_rank (PostgreSQL), titles weighted above bodies, over every match when there are
at most ``MAX_RANKED``; above that, over the newest ``MAX_RANKED`` matches and the newest ``MAX_RANKED`` title
matches, and older matches are left out. Scoring costs about a microsecond per document, and a word found in
most documents cannot rank them anyway (SQLite's BM25 gives a word in more than half of the documents an
inverse document frequency of almost nothing). Measured on the large site (16,608 English documents, "alliance"
in 11,565 of them): scoring every match took 14 ms on SQLite (about 2 µs a document); with a bound of 500, the
whole query took about 3.4 ms, and with 250, 2.6 ms: a search's largest single cost, for ranking that only
reorders the newest matches.
"""

from typing import NamedTuple

from django.conf import settings
from django.db import connection

MAX_RANKED = 250


class Hit(NamedTuple):
    # A tuple: a search makes up to a thousand, and a frozen dataclass took 1 µs each to build.
    document_id: int
    kind: str
    object_id: int


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

    @staticmethod
    def _stand_ins(part, table):
        """Matches among the sole documents of ``table``'s language (objects not translated): read from the few
        such documents, each looked up in the index by its rowid, not from every match."""
        return f"""SELECT {part} AS part, s.id AS id, bm25({table}, 10.0, 1.0) AS score
            FROM search_searchdocument s JOIN {table} ON {table}.rowid = s.id
            WHERE s.sole AND s.language = %(stand_in_language)s AND {table} MATCH %(match)s
            ORDER BY score, s.id LIMIT %(limit)s"""

    def optimise(self):
        """Merge each index into one b-tree, after writing many documents at once. Deleting and adding every
        document leaves the index in many segments, which each query reads: searches on the large site took
        twice as long after a rebuild until this ran."""
        with connection.cursor() as cursor:
            for language, _name in settings.LANGUAGES:
                table = f"search_fts_{language}"
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")

    def search(self, phrases, language, limit, *, stand_ins=None):
        parts = [f"SELECT * FROM ({self._ranked(0, f'search_fts_{language}')})"]
        if stand_ins:
            parts.append(f"SELECT * FROM ({self._stand_ins(len(parts), f'search_fts_{stand_ins}')})")
        sql = f"""SELECT d.id, d.kind, d.object_id FROM ({" UNION ALL ".join(parts)}) r
            JOIN search_searchdocument d ON d.id = r.id ORDER BY r.part, r.score, d.id LIMIT %(limit)s"""
        params = {
            "match": self._match(phrases),
            "titles": self._match(phrases, column="title_words"),
            "skip": MAX_RANKED - 1,
            "limit": limit,
            "stand_in_language": stand_ins,
        }
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(map(Hit._make, cursor.fetchall()))


class PostgreSQLBackend:
    """The stored tsvectors (migration 0003, 'simple' configuration: the words are already normalised), matched
    with a tsquery of the phrases. As on SQLite, ts_rank (titles ten times bodies) scores the newest MAX_RANKED
    matches and the newest MAX_RANKED title matches of each language, which PostgreSQL reads newest first from
    the primary key, or from the GIN index when the query planner expects few matches. Measured on the large
    site: about 5 ms for a word in most documents, against 50 ms for scoring every match.
    """

    @staticmethod
    def _tsquery(phrases):
        """Each word quoted as a tsquery lexeme; a phrase's words must follow one another (<->). The last word of
        the last phrase also matches as a prefix, written ('word' | 'word':*) rather than 'word':* alone: the
        planner estimates a whole word from its statistics, and a prefix alone as rare, which chose the wrong
        plan for common words (18 ms against 4). Words are letters and digits only: no quote or operator can be
        inside one."""
        queries = []
        for number, phrase in enumerate(phrases, start=1):
            lexemes = [f"'{word}'" for word in phrase]
            if number == len(phrases):
                lexemes[-1] = f"({lexemes[-1]} | {lexemes[-1]}:*)"
            queries.append("(" + " <-> ".join(lexemes) + ")")
        return " & ".join(queries)

    def optimise(self):
        """Fresh statistics after writing many documents at once: the planner chooses how to read the matches
        from them."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")

    def search(self, phrases, language, limit, *, stand_ins=None):
        newest = [
            f"""(SELECT id FROM search_searchdocument WHERE language = %(language)s
                AND {column} @@ to_tsquery('simple', %(match)s) ORDER BY id DESC LIMIT %(bound)s)"""
            for column in ("search_vector", "title_vector")
        ]
        if stand_ins:
            # From the few sole documents (their partial index), not from every match in that language.
            newest.append(
                """(SELECT id FROM search_searchdocument WHERE sole AND language = %(stand_in_language)s
                AND search_vector @@ to_tsquery('simple', %(match)s) ORDER BY id DESC LIMIT %(bound)s)"""
            )
        sql = f"""SELECT d.id, d.kind, d.object_id FROM search_searchdocument d
            WHERE d.id = ANY(ARRAY({" UNION ".join(newest)}))
            ORDER BY d.language = %(language)s DESC,
            ts_rank('{{0, 0, 0.1, 1}}', d.search_vector, to_tsquery('simple', %(match)s)) DESC, d.id
            LIMIT %(limit)s"""
        params = {
            "match": self._tsquery(phrases),
            "language": language,
            "stand_in_language": stand_ins,
            "bound": MAX_RANKED,
            "limit": limit,
        }
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(map(Hit._make, cursor.fetchall()))


def get_backend():
    """The backend for the database in use."""
    if connection.vendor == "postgresql":
        return PostgreSQLBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"No search backend for {connection.vendor}.")
