"""Assemble a page, its visible sections and everything shown in them, in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from events.models import Event
from photos.models import Photo, PhotoPlacement

from .models import RelatedLink, Section
from .numbering import section_number


@dataclass
class SectionNode:
    section: Section
    number: str
    level: int
    children: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    links: list = field(default_factory=list)
    events: list = field(default_factory=list)

    @property
    def heading_level(self):
        # h1 is the page title, so a page's sections are h2, subsections h3, and so on down to h6.
        return min(self.level + 1, 6)

    @property
    def sub_heading_level(self):
        """For the "Events" and "Related links" headings inside this section."""
        return min(self.level + 2, 6)

    @property
    def anchor(self):
        return self.section.slug

    @property
    def title(self):
        return self.section.title


@dataclass
class PageTree:
    page: Section
    photos: list
    links: list
    events: list
    sections: list

    def figures(self):
        """Every photograph on the page, in reading order."""
        yield from self.photos
        for node in self.walk():
            yield from node.photos

    def walk(self):
        """Every section node, depth first, in reading order."""
        stack = list(reversed(self.sections))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def build_page_tree(page, *, at=None, include_drafts=False):
    """Return the :class:`PageTree` of ``page`` as the public sees it at ``at`` (or, for previews, with drafts).

    A section is shown only when it and every section above it are visible, so
    a published subsection under a draft section stays hidden.
    """
    at = at or timezone.now()
    in_page = Q(page=page)
    sections = Section.objects.filter(in_page)
    events = Event.objects.filter(Q(section__page=page) | Q(section=page)).order_by("starts_on", "start_time", "pk")
    placements = PhotoPlacement.objects.filter(Q(section__page=page) | Q(section=page)).select_related("photo")
    if not include_drafts:
        sections = sections.public(at)
        events = events.public(at)
        placements = placements.filter(photo__in=Photo.objects.public(at).values("pk"))
    links = RelatedLink.objects.filter(Q(section__page=page) | Q(section=page))

    photos_by_section = defaultdict(list)
    for placement in placements:
        photos_by_section[placement.section_id].append(placement.photo)
    links_by_section = defaultdict(list)
    for link in links:
        links_by_section[link.section_id].append(link)
    events_by_section = defaultdict(list)
    for event in events:
        events_by_section[event.section_id].append(event)

    nodes_by_path = {}
    top_level = []
    for section in sections:
        parent_path = section.path[: -Section.steplen]
        if parent_path == page.path:
            siblings = top_level
        elif parent_path in nodes_by_path:
            siblings = nodes_by_path[parent_path].children
        else:
            continue  # an ancestor is hidden, so this section is too
        level = section.depth - page.depth
        node = SectionNode(
            section=section,
            number=section_number(level, len(siblings) + 1),
            level=level,
            photos=photos_by_section[section.pk],
            links=links_by_section[section.pk],
            events=events_by_section[section.pk],
        )
        siblings.append(node)
        nodes_by_path[section.path] = node

    tree = PageTree(
        page=page,
        photos=photos_by_section[page.pk],
        links=links_by_section[page.pk],
        events=events_by_section[page.pk],
        sections=top_level,
    )
    first_figure = next(tree.figures(), None)
    if first_figure is not None:
        first_figure.is_first_figure = True  # on the first screen: not loaded lazily
    return tree
