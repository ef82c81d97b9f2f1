"""From ranked hits to what the public may see: each result checked against the real rows, in rank order."""

from dataclasses import dataclass

from django.utils import timezone

from events.models import Event
from photos.models import Photo, PhotoPlacement
from sections.models import Section

from . import highlight
from .backends import get_backend
from .models import SearchDocument
from .query import parse_terms

# Ranked candidates considered per search: far more than anyone pages through, and a bound on the work.
MAX_CANDIDATES = 500
Kind = SearchDocument.Kind


@dataclass
class Result:
    kind: str
    context: str
    title_html: str
    snippet_html: str
    url: str


def search(query, *, at=None):
    """Everything public that matches ``query``, best first. Never raises on odd input: no terms, no results."""
    terms = parse_terms(query)
    if not terms:
        return []
    at = at or timezone.now()
    hits = get_backend().search(terms, MAX_CANDIDATES)
    ids = {kind: [hit.object_id for hit in hits if hit.kind == kind] for kind in Kind.values}
    targets = {
        Kind.SECTION: _visible_sections(ids[Kind.SECTION], at),
        Kind.EVENT: _public_events(ids[Kind.EVENT], at),
        Kind.PHOTO: _placed_photos(ids[Kind.PHOTO], at),
    }
    results = []
    for hit in hits:
        target = targets[hit.kind].get(hit.object_id)
        if target is None:
            continue
        url, kind, context = target
        results.append(Result(kind, context, highlight.highlight(hit.title, terms), hit.snippet, url))
    return results


def _visible_sections(ids, at):
    sections = Section.objects.visible(at).filter(pk__in=ids).select_related("page")
    return {
        section.pk: (section.get_absolute_url(), "Page", section.summary)
        if section.is_page
        else (section.get_absolute_url(), "Section", f"in {section.page.title}")
        for section in sections
    }


def _public_events(ids, at):
    events = Event.objects.public(at).filter(pk__in=ids)
    return {
        event.pk: (event.get_absolute_url(), "Event", ", ".join(filter(None, [str(event.year), event.location])))
        for event in events
    }


def _placed_photos(ids, at):
    """Public photographs, each linked to the first public place it is shown in; unshown ones are left out."""
    photos = set(Photo.objects.public(at).filter(pk__in=ids).values_list("pk", flat=True))
    placements = list(
        PhotoPlacement.objects.filter(photo_id__in=photos)
        .select_related("section", "section__page", "event")
        .order_by("photo_id", "position", "pk")
    )
    placed_in = [p.section_id for p in placements if p.section_id is not None]
    visible_sections = set(Section.objects.visible(at).filter(pk__in=placed_in).values_list("pk", flat=True))
    found = {}
    for placement in placements:
        if placement.photo_id in found:
            continue
        if placement.section_id in visible_sections:
            section = placement.section
            found[placement.photo_id] = (section.get_absolute_url(), "Photograph", f"in {section.title}")
        elif placement.event_id and placement.event.is_public(at):
            event = placement.event
            found[placement.photo_id] = (event.get_absolute_url(), "Photograph", f"at {event.title}")
    return found
