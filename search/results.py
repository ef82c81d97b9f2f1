"""From ranked hits to what the public may see: each result checked against the real rows, in rank order.

What is public is worked out for the whole site at once (:func:`public_targets`) and kept in this process
for the current content generation, until the next scheduled change: every edit starts a new generation
(publishing.pagecache), and the schedule says when the answer changes on its own. A search is then one
full-text query and a lookup per hit, and the text of the results on the page shown is read in one more
query. Measured on the large site (16,608 documents): checking 500 hits against the rows on each search took
50 ms; working out everything public takes about as long, once per generation and process.
"""

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from events.models import Event
from photos.models import Photo, PhotoPlacement
from publishing.compiled import CompiledQuery
from publishing.editions import in_sandbox
from publishing.pagecache import current_generation, next_scheduled_change
from sections.chrome import get_site_chrome
from sections.models import Section
from sitewide.addresses import slug_address
from sitewide.languages import hides_untranslated, path_in_language

from . import highlight
from .backends import get_backend
from .models import SearchDocument
from .query import parse_terms
from .words import query_phrases

# Ranked candidates considered per search: far more than anyone pages through, and a bound on the work. Some are
# not public (drafts, photographs shown nowhere yet), so there are more candidates than results shown.
MAX_CANDIDATES = 1_000
MAX_RESULTS = 500
Kind = SearchDocument.Kind
# The text of the results on the page shown, by a query the ORM builds and compiles once per process: through the
# ORM at each search (in_bulk) it took 1 ms of the large site's 8 ms search, most of it compiling.
SHOWN_DOCUMENTS = CompiledQuery(
    lambda document_ids: SearchDocument.objects.filter(pk__in=document_ids).only("title", "body", "language")
)


@dataclass(frozen=True)
class Target:
    """Where a public object is shown: its address (English, without a language prefix) and what the context
    line under its title says: the text in each language (in settings.LANGUAGES order), after ``prefix``."""

    path: str
    label: str  # "page", "section", "event", "photo", "photo-at-event"
    texts: tuple
    prefix: str = ""


@dataclass
class Result:
    kind: str
    context: str
    title_html: str
    snippet_html: str
    url: str
    language: str


def _labels():
    return {
        "page": gettext("Page"),
        "section": gettext("Section"),
        "event": gettext("Event"),
        "photo": gettext("Photograph"),
        "photo-at-event": gettext("Photograph"),
    }


def _context_line(target, language):
    codes = [code for code, _name in settings.LANGUAGES]
    text = target.texts[codes.index(language)] or target.texts[0]  # English where it is not translated
    if target.label in ("section", "photo") and text:
        return gettext("in %(title)s") % {"title": text}
    if target.label == "photo-at-event" and text:
        return gettext("at %(title)s") % {"title": text}
    # An event's year and place: "2009, Washington"; in Japanese with the enumeration comma, "2009、ワシントン".
    return gettext(", ").join(filter(None, [target.prefix, text]))


class Results(Sequence):
    """The public hits of one search, in rank order; their text is read only for the slice shown."""

    def __init__(self, hits, terms, language):
        self.hits = hits  # [(Hit, Target)]
        self.terms = terms
        self.language = language

    def __len__(self):
        return len(self.hits)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._results(self.hits[index])
        return self._results([self.hits[index]])[0]

    def _results(self, hits):
        if not hits:
            return []
        documents = {document.pk: document for document in SHOWN_DOCUMENTS([hit.document_id for hit, _ in hits])}
        pattern = highlight.terms_pattern(self.terms)
        labels = _labels()
        results = []
        for hit, target in hits:
            document = documents[hit.document_id]
            results.append(
                Result(
                    labels[target.label],
                    _context_line(target, self.language),
                    highlight.highlight(document.title, pattern),
                    highlight.snippet(document.body or document.title, pattern),
                    path_in_language(target.path, self.language),
                    document.language,
                )
            )
        return results


def search(query, *, language=None, at=None):
    """Everything public that matches ``query`` in ``language`` (default: the active one), best first.

    Never raises on odd input: no terms, no results. A search in Japanese looks in the Japanese documents, and
    also in the English ones of objects not translated yet when the site shows such text in English.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    terms = parse_terms(query)
    phrases = query_phrases(terms)
    if not phrases:
        return Results([], terms, language)
    stand_ins = None
    if language != settings.LANGUAGE_CODE and not hides_untranslated(get_site_chrome().untranslated_content):
        stand_ins = settings.LANGUAGE_CODE
    hits = get_backend().search(phrases, language, MAX_CANDIDATES, stand_ins=stand_ins)
    targets = public_targets(at)
    found = []
    for hit in hits:
        target = targets.get((hit.kind, hit.object_id))
        if target is not None:
            found.append((hit, target))
            if len(found) == MAX_RESULTS:
                break
    return Results(found, terms, language)


_remembered = {}
_remembering = threading.Lock()


def public_targets(at=None):
    """{(kind, object id): Target} for everything public at ``at`` (default: now) that search can lead to."""
    if at is not None or in_sandbox.get():
        return _public_targets(at or timezone.now())  # another moment, or a preview's drafts: never kept
    now = timezone.now()
    generation = current_generation()
    kept = _remembered.get("targets")
    if _still_true(kept, generation, now):
        return kept[2]
    # One thread of the process works it out; the others searching meanwhile wait for its answer rather than
    # each spending the same 50 ms (after an edit, every thread of every worker would otherwise do it at once).
    with _remembering:
        kept = _remembered.get("targets")
        if _still_true(kept, generation, now):
            return kept[2]
        until = next_scheduled_change(now)
        targets = _public_targets(now)
        if generation is not None:
            _remembered["targets"] = (generation, until, targets)
    return targets


def _still_true(kept, generation, now):
    return generation is not None and kept and kept[0] == generation and (kept[1] is None or now < kept[1])


def forget_public_targets():
    """Drop what this process keeps (a new generation would make it stale anyway; tests start from nothing)."""
    with _remembering:
        _remembered.clear()


def _columns(name, languages):
    return [f"{name}_{code}" for code in languages]


def _public_targets(at):
    # A tuple, not settings.LANGUAGES in the loops: each read of a setting goes through a lazy object, and
    # this runs for every public object of the site.
    languages = tuple(code for code, _name in settings.LANGUAGES)
    width = len(languages)
    # English addresses, without a language prefix: a result's is put in the reader's language when shown.
    with translation.override(settings.LANGUAGE_CODE):
        page_address, event_address = slug_address("sections:page"), slug_address("events:detail")
    targets = {}
    section_titles = {}
    rows = Section.objects.visible(at).values_list(
        "pk", "depth", "slug", "page__slug", *_columns("title", languages), *_columns("summary", languages),
        *_columns("page__title", languages),
    )  # fmt: skip
    for pk, depth, slug, page_slug, *texts in rows:
        section_titles[pk] = tuple(texts[:width])
        if depth == 1:
            targets[(Kind.SECTION, pk)] = Target(page_address(slug), "page", tuple(texts[width : 2 * width]))
        else:
            path = f"{page_address(page_slug)}#{slug}"
            targets[(Kind.SECTION, pk)] = Target(path, "section", tuple(texts[2 * width :]))
    event_titles = {}
    for pk, slug, starts_on, *texts in Event.objects.public(at).values_list(
        "pk", "slug", "starts_on", *_columns("location", languages), *_columns("title", languages)
    ):
        event_titles[pk] = tuple(texts[width:])
        targets[(Kind.EVENT, pk)] = Target(event_address(slug), "event", tuple(texts[:width]), str(starts_on.year))
    # A photograph leads to the first public place it is shown in; one shown nowhere public is not found.
    placements = (
        PhotoPlacement.objects.filter(photo__in=Photo.objects.public(at))
        .order_by("photo_id", "position", "pk")
        .values_list("photo_id", "section_id", "event_id")
    )
    for photo_id, section_id, event_id in placements:
        key = (Kind.PHOTO, photo_id)
        if key in targets:
            continue
        if section_id is not None and (Kind.SECTION, section_id) in targets:
            targets[key] = Target(targets[(Kind.SECTION, section_id)].path, "photo", section_titles[section_id])
        elif event_id is not None and (Kind.EVENT, event_id) in targets:
            targets[key] = Target(targets[(Kind.EVENT, event_id)].path, "photo-at-event", event_titles[event_id])
    return targets
