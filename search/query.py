"""Turning what a visitor typed into search terms that no backend can choke on."""

import re
import unicodedata

MAX_QUERY_CHARS = 200
MAX_TERMS = 10
MAX_TERM_CHARS = 50
WORD = re.compile(r"\w+")


def clean_query(text):
    """The query as shown back to the visitor: normalised, single-spaced, at most MAX_QUERY_CHARS long."""
    text = unicodedata.normalize("NFKC", (text or "")[: MAX_QUERY_CHARS * 4])
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def parse_terms(query):
    """Words (letters and digits, any script) of ``query``, de-duplicated, bounded in number and length.

    Only word characters survive, so punctuation, quotes and operators never reach
    a full-text query parser. Single letters ("U.S." → "U", "S") are dropped when
    longer words are present, since they would match nearly every text.
    """
    terms = []
    seen = set()
    for word in WORD.findall(clean_query(query)):
        word = word[:MAX_TERM_CHARS]
        key = word.casefold()
        if key not in seen:
            seen.add(key)
            terms.append(word)
    if any(len(term) > 1 for term in terms):
        terms = [term for term in terms if len(term) > 1]
    return terms[:MAX_TERMS]
