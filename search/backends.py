"""One search interface, two engines: SQLite FTS5 and PostgreSQL full-text search.

A backend takes the parsed terms and returns ranked :class:`Hit` rows for every
matching document (published or not: visibility is decided afterwards against
the real rows). Terms contain only word characters (see query.py), and every
value reaches the database as a query parameter.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from . import highlight
from .models import SearchDocument


@dataclass
class Hit:
    kind: str
    object_id: int
    title: str
    rank: float
    snippet: str  # safe HTML


class SQLiteBackend:
    """FTS5 with the trigram tokenizer (migration 0002): substring matching in any script, ranked by BM25.

    Terms of three characters or more go through the index; shorter ones (e.g. "G8")
    cannot be trigram-matched, so they are checked on the documents table.
    """

    TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0

    def search(self, terms, limit):
        long_terms = [term for term in terms if len(term) >= 3]
        short_terms = [term for term in terms if len(term) < 3]
        params = []
        if long_terms:
            # Each term as an FTS5 string ("..."): no operator or syntax in it can be read as query syntax.
            match = " ".join('"{}"'.format(term.replace('"', '""')) for term in long_terms)
            sql = (
                "SELECT d.kind, d.object_id, d.title, d.body, "
                f"bm25(search_document_fts, {self.TITLE_WEIGHT}, {self.BODY_WEIGHT}) AS score "
                "FROM search_document_fts JOIN search_searchdocument d ON d.id = search_document_fts.rowid "
                "WHERE search_document_fts MATCH %s"
            )
            params.append(match)
        else:
            sql = "SELECT d.kind, d.object_id, d.title, d.body, 0 AS score FROM search_searchdocument d WHERE 1 = 1"
        for term in short_terms:
            sql += " AND instr(lower(d.title || ' ' || d.body), %s) > 0"
            params.append(term.lower())
        sql += " ORDER BY score, d.id LIMIT %s"
        params.append(limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [
            Hit(kind, object_id, title, -score, highlight.snippet(body or title, terms))
            for kind, object_id, title, body, score in rows
        ]


class PostgreSQLBackend:
    """tsvector search with the 'simple' configuration (the site mixes English and Japanese, so no stemming),
    ranked by ts_rank with titles weighted above bodies; plus substring matching, for words the parser cannot
    split out (Japanese has no spaces) and parts of words, as the SQLite trigram index does.

    Snippets come from the same excerpt-and-highlight code as on SQLite rather than from ts_headline: the
    parser reads "<...>" in plain text as an HTML tag and drops it from headlines, and a snippet must show the
    text exactly as written (escaped).
    """

    CONFIG = "simple"

    def search(self, terms, limit):
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("title", weight="A", config=self.CONFIG) + SearchVector(
            "body", weight="B", config=self.CONFIG
        )
        # plainto_tsquery: the terms ANDed, and no syntax to get wrong.
        query = SearchQuery(" ".join(terms), search_type="plain", config=self.CONFIG)
        substring = Q()
        for term in terms:
            substring &= Q(title__icontains=term) | Q(body__icontains=term)
        documents = (
            SearchDocument.objects.annotate(vector=vector, rank=SearchRank(vector, query))
            .filter(Q(vector=query) | substring)
            .order_by("-rank", "pk")[:limit]
        )
        return [
            Hit(
                document.kind,
                document.object_id,
                document.title,
                document.rank,
                highlight.snippet(document.body or document.title, terms),
            )
            for document in documents
        ]


def get_backend():
    """The backend for the database in use."""
    if connection.vendor == "postgresql":
        return PostgreSQLBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"No search backend for {connection.vendor}.")
