"""Text into the words the index holds, the same way for what is indexed and what a visitor types.

Japanese is written without spaces, so its words are found by SudachiPy, a morphological analyser made for
Japanese, with its core dictionary (sudachidict-core). Why a dictionary and not character n-grams (SQLite's
trigram tokenizer, which the index used before): most Japanese words are two characters long (日米, 安保, 首脳),
which a trigram cannot match, and n-grams match across word boundaries (京都 inside 東京都). Why Sudachi rather
than MeCab with UniDic (fugashi): it is one pip install with its dictionary, and it normalises spelling
variants (half-width ﾃﾞｼﾞﾀﾙ and デジタル, okurigana) to one form, so a reader finds a word however it is typed.

Words are split at the finest level Sudachi knows (split mode A: 日米安全保障条約 → 日米 / 安全 / 保障 / 条約), so
that any part of a compound finds it; a query is matched as a phrase of its words (see ``query_phrases``).
English and other Latin-script text goes through the same analyser, which keeps Latin words whole; they are
indexed as written, case-folded (Sudachi's own normal form would turn "Alliance" into katakana).

Every word is letters and digits only (``[^\\W_]+``), joined by spaces: SQLite's unicode61 tokenizer and
PostgreSQL's text-search parser then both see exactly these words and nothing more to split.
"""

import re
import threading
import unicodedata

WORD_PIECE = re.compile(r"[^\W_]+")
# Sudachi works on a chunk of text at a time and refuses very long input; text is fed a paragraph at a time.
CHUNK_CHARS = 4_000
# The most text of one document that is indexed: far beyond any section's body, and a bound on the work.
MAX_TEXT_CHARS = 200_000
MAX_PHRASE_WORDS = 12
# Japanese's stop words: particles (の, は, を…), auxiliary verbs (た, れる…) and the light verb する that turns a
# noun into a verb (生成した). They are in nearly every sentence, carry nothing a reader searches by, and made a
# phrase such as 生成した会合 cost FTS5 the positions of every document (10 ms on the large site, against 3 ms).
# Left out of what is indexed and of what is searched alike, so phrases still match: 生成した会合 → 生成 / 会合.
FUNCTION_WORDS = {"助詞", "助動詞"}
LIGHT_VERBS = {"為る"}

_local = threading.local()
_dictionary = None
_dictionary_lock = threading.Lock()


def _tokenizer():
    """This thread's tokenizer (a Sudachi tokenizer is not to be shared between threads); the dictionary,
    about 90 MB mapped from the installed package, is loaded once per process, on first use."""
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        global _dictionary
        with _dictionary_lock:
            if _dictionary is None:
                from sudachipy import Dictionary

                _dictionary = Dictionary(dict="core")
        from sudachipy import SplitMode

        # Only the normalised form and the part of speech are read: the rest of each entry is left unloaded.
        tokenizer = _local.tokenizer = _dictionary.tokenizer(mode=SplitMode.A, fields={"normalized_form", "pos"})
    return tokenizer


def _chunks(text):
    text = text[:MAX_TEXT_CHARS]
    for line in text.splitlines():
        for start in range(0, len(line), CHUNK_CHARS):
            chunk = line[start : start + CHUNK_CHARS].strip()
            if chunk:
                yield chunk


def words(text):
    """The index words of ``text``, in order."""
    found = []
    tokenizer = _tokenizer()
    for chunk in _chunks(unicodedata.normalize("NFKC", text or "")):
        for morpheme in tokenizer.tokenize(chunk):
            surface = morpheme.surface()
            if surface.isascii():
                form = surface.casefold()
            else:
                form = morpheme.normalized_form()
                if form in LIGHT_VERBS or morpheme.part_of_speech()[0] in FUNCTION_WORDS:
                    continue
            found.extend(WORD_PIECE.findall(form.casefold()))
    return found


def index_text(text):
    """What a document column holds: its words, space-separated."""
    return " ".join(words(text))


def query_phrases(terms):
    """Each search term (a run of text without spaces, as query.parse_terms gives) as the list of its words.

    A term matches where its words stand side by side, so that 日米関係 finds "日米 / 関係"; the last word of
    the last term is matched as a prefix, so that a word being typed ("allian", 同盟関) finds its completions.
    """
    phrases = []
    for term in terms:
        phrase = words(term)[:MAX_PHRASE_WORDS]
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return phrases
