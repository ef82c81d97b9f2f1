"""What text of each kind of object is searchable, in each language, and keeping :class:`SearchDocument` rows
in step.

Only what the public could be shown is indexed: a published section or event (whatever its schedule), a
published photograph placed somewhere. Drafts and photographs waiting in the library stay out, so that the
best-ranked candidates of a search are nearly all shown; what depends on the moment or on the sections above
(a schedule, a draft parent) is checked when searching (results.py).

A listed object has a document per language it has text in: English always, Japanese once it has a Japanese
title (or caption). A Japanese document holds only the Japanese text, never the English a Japanese page falls
back to; whether a Japanese search also looks at English documents is decided when searching.
"""

import html
import re

from django.apps import apps
from django.conf import settings
from django.utils.html import strip_tags

from .backends import get_backend
from .models import PLACEMENT_MODEL, SOURCE_MODELS, SearchDocument
from .words import index_text

Kind = SearchDocument.Kind
PUBLISHED = "published"  # publishing.models.Status.PUBLISHED; as text, for historical models in migrations too

# Control characters never reach the index: they mean nothing to a reader and PostgreSQL rejects NUL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain_text(*parts):
    """Join plain-text fields into one string for the index (they may contain "<": that is text, not markup)."""
    text = " \n".join(part for part in parts if part)
    return CONTROL_CHARACTERS.sub(" ", text).strip()


def html_text(rendered):
    """The words of rendered (sanitised) HTML, as a reader sees them."""
    return html.unescape(strip_tags(rendered or ""))


def _in(obj, name, language):
    """The value of field ``name`` in ``language``, read from its own column (django-modeltranslation's
    ``title_ja``…), never through the descriptor, which would fall back to English. Historical models in
    migrations have the same columns."""
    column = f"{name}_{language}"
    if hasattr(obj, column):
        return getattr(obj, column) or ""
    return (getattr(obj, name, "") or "") if language == settings.LANGUAGE_CODE else ""


def text_of(kind, obj, language):
    """(title, body) for ``obj`` of ``kind`` in ``language``; an empty title when it has no text in it."""
    if kind == Kind.SECTION:
        fields = ("title", ("summary",), ("body_html",))
    elif kind == Kind.EVENT:
        fields = ("title", ("summary", "location", "participants"), ("body_html",))
    elif kind == Kind.PHOTO:
        fields = ("caption", ("credit",), ())
    else:
        raise ValueError(kind)
    title_field, plain_fields, html_fields = fields
    title = _in(obj, title_field, language)
    body = plain_text(
        *(_in(obj, name, language) for name in plain_fields),
        *(html_text(_in(obj, name, language)) for name in html_fields),
    )
    return plain_text(title)[:300], body


def is_listed(kind, obj, placed_photos=None):
    """Whether ``obj`` could be shown to the public; ``placed_photos``: the ids of placed photographs, when known."""
    if obj.status != PUBLISHED:
        return False
    if kind == Kind.PHOTO:
        if placed_photos is not None:
            return obj.pk in placed_photos
        return obj.placements.exists()
    return True


def documents_of(kind, obj, document_model=SearchDocument, placed_photos=None):
    """The unsaved documents of ``obj``: one per language it has a title in; none when it is not listed."""
    if not is_listed(kind, obj, placed_photos):
        return []
    documents = []
    for language, _name in settings.LANGUAGES:
        title, body = text_of(kind, obj, language)
        if title or language == settings.LANGUAGE_CODE:
            documents.append(
                document_model(
                    kind=kind,
                    object_id=obj.pk,
                    language=language,
                    title=title,
                    body=body,
                    title_words=index_text(title),
                    body_words=index_text(body),
                )
            )
    for document in documents:
        document.sole = len(documents) == 1
    return documents


def index_object(kind, obj):
    """Bring the documents of one object up to date (after a save)."""
    documents = documents_of(kind, obj)
    languages = [document.language for document in documents]
    SearchDocument.objects.filter(kind=kind, object_id=obj.pk).exclude(language__in=languages).delete()
    for document in documents:
        SearchDocument.objects.update_or_create(
            kind=kind,
            object_id=obj.pk,
            language=document.language,
            defaults={
                "title": document.title,
                "body": document.body,
                "title_words": document.title_words,
                "body_words": document.body_words,
                "sole": document.sole,
            },
        )


# Objects written at once above which the index is optimised afterwards (backends: optimise).
MANY_OBJECTS = 1_000


def index_objects(kind, objects):
    """Bring the documents of many objects up to date at once (rows written in bulk send no save signals)."""
    objects = list(objects)
    placed = None
    if kind == Kind.PHOTO:
        placements = apps.get_model(PLACEMENT_MODEL).objects
        placed = set(placements.filter(photo__in=[obj.pk for obj in objects]).values_list("photo_id", flat=True))
    for start in range(0, len(objects), 500):
        batch = objects[start : start + 500]
        SearchDocument.objects.filter(kind=kind, object_id__in=[obj.pk for obj in batch]).delete()
        documents = [document for obj in batch for document in documents_of(kind, obj, placed_photos=placed)]
        SearchDocument.objects.bulk_create(documents)
    if len(objects) >= MANY_OBJECTS:
        get_backend().optimise()


def remove_object(kind, pk):
    SearchDocument.objects.filter(kind=kind, object_id=pk).delete()


def rebuild(app_registry=apps):
    """Index every section, event and photograph again; returns how many documents there are."""
    document_model = app_registry.get_model("search", "SearchDocument")
    document_model.objects.all().delete()
    count = 0
    placed = set(app_registry.get_model(PLACEMENT_MODEL).objects.values_list("photo_id", flat=True))
    for kind, label in SOURCE_MODELS.items():
        model = app_registry.get_model(label)
        batch = []
        for obj in model.objects.filter(status=PUBLISHED).iterator(chunk_size=500):
            batch.extend(documents_of(kind, obj, document_model, placed_photos=placed))
            if len(batch) >= 500:
                document_model.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        document_model.objects.bulk_create(batch)
        count += len(batch)
    return count
