"""What text of each kind of object is searchable, and keeping :class:`SearchDocument` rows in step."""

import html
import re

from django.apps import apps
from django.utils.html import strip_tags

from .models import SOURCE_MODELS, SearchDocument

Kind = SearchDocument.Kind

# Control characters never reach the index: they mean nothing to a reader and PostgreSQL rejects NUL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain_text(*parts):
    """Join plain-text fields into one string for the index (they may contain "<": that is text, not markup)."""
    text = " \n".join(part for part in parts if part)
    return CONTROL_CHARACTERS.sub(" ", text).strip()


def html_text(rendered):
    """The words of rendered (sanitised) HTML, as a reader sees them."""
    return html.unescape(strip_tags(rendered or ""))


def text_of(kind, obj):
    """(title, body) for ``obj`` of ``kind``. Works with historical models in migrations too."""
    if kind == Kind.SECTION:
        return obj.title, plain_text(obj.summary, html_text(obj.body_html))
    if kind == Kind.EVENT:
        return obj.title, plain_text(obj.summary, obj.location, obj.participants, html_text(obj.body_html))
    if kind == Kind.PHOTO:
        return obj.caption, plain_text(obj.credit)
    raise ValueError(kind)


def index_object(kind, obj, document_model=SearchDocument):
    title, body = text_of(kind, obj)
    document_model.objects.update_or_create(
        kind=kind, object_id=obj.pk, defaults={"title": plain_text(title)[:300], "body": body}
    )


def remove_object(kind, pk):
    SearchDocument.objects.filter(kind=kind, object_id=pk).delete()


def rebuild(app_registry=apps, document_model=None):
    """Index every section, event and photograph again; returns how many documents there are."""
    document_model = document_model or app_registry.get_model("search", "SearchDocument")
    document_model.objects.all().delete()
    documents = []
    for kind, label in SOURCE_MODELS.items():
        model = app_registry.get_model(label)
        for obj in model.objects.all().iterator():
            title, body = text_of(kind, obj)
            documents.append(document_model(kind=kind, object_id=obj.pk, title=plain_text(title)[:300], body=body))
    document_model.objects.bulk_create(documents, batch_size=500)
    return len(documents)
