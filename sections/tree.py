"""Assemble a page, its visible sections and everything shown in them, in a fixed number of queries."""

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

from django.db.models import F, Q, Subquery
from django.utils import timezone

from events.models import Event
from markup.dates import format_moment
from photos.inline import body_parts, inline_photo_ids, shown_photos
from photos.models import Photo
from publishing.compiled import CompiledQuery
from publishing.models import Status

from .models import RelatedLink, Section
from .numbering import section_number

# What a page shows of each event listed in its sections (events/includes/event_summary.html, and the summary in
# the Markdown download). The other columns are read by the event's own page and the events lists, in their own
# queries: leaving them out here spares reading and converting them, most of all the four date-times.
EVENT_LIST_FIELDS = ("section", "slug", "title", "starts_on", "date_precision", "location", "summary")


@dataclass
class SectionNode:
    section: Section
    number: str
    level: int
    children: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    links: list = field(default_factory=list)
    events: list = field(default_factory=list)
    # The body's HTML with the photographs dropped into it as figures (photos.inline.body_parts).
    body: list = field(default_factory=list)
    state: str = ""  # in previews: why this section is not public yet ("Draft", "Scheduled", …)
    former_anchors: list = field(default_factory=list)
    # 1 when a top-level section is shown alone and its own title is the h1.
    heading_shift: int = 0

    @property
    def heading_level(self):
        # h1 is the page title, so a page's sections are h2, subsections h3, and so on down to h6.
        return min(self.level + 1 - self.heading_shift, 6)

    @property
    def sub_heading_level(self):
        """For the "Events" and "Related links" headings inside this section."""
        return min(self.level + 2 - self.heading_shift, 6)

    @property
    def has_own_content(self):
        return bool(self.section.body_html or self.photos or self.events or self.links)

    @property
    def anchor(self):
        return self.section.slug

    @functools.cached_property
    def title(self):
        # Read once: the template shows it four times (heading, two link labels, the page link), and each read
        # of a translated field asks django-modeltranslation for the language and its fallbacks.
        return self.section.title

    def walk(self):
        """This node and every node below it, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def first_photo(self):
        return next((node.photos[0] for node in self.walk() if node.photos), None)


@dataclass
class PageTree:
    page: Section
    photos: list
    links: list
    events: list
    sections: list
    body: list = field(default_factory=list)  # the page's own text, as SectionNode.body

    @property
    def last_updated(self):
        """When what the public sees on this page last changed."""
        moments = [self.page.became_public_at]
        moments += [node.section.became_public_at for node in self.walk() if not node.state]
        return max(moments)

    def figures(self):
        """Every photograph on the page, in reading order."""
        yield from (part.photo for part in self.body if part.photo)
        yield from self.photos
        for node in self.walk():
            yield from (part.photo for part in node.body if part.photo)
            yield from node.photos

    def walk(self):
        """Every section node, depth first, in reading order."""
        stack = list(reversed(self.sections))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def first_photo(self):
        """The photograph that stands for the page when it is shared: its own first, else its first section's."""
        if self.photos:
            return self.photos[0]
        return next((node.photos[0] for node in self.walk() if node.photos), None)

    def find(self, slug):
        """The top-level section node with ``slug`` (current or former), with its neighbours: (prev, node, next)."""
        for index, node in enumerate(self.sections):
            if node.anchor == slug:
                previous = self.sections[index - 1] if index > 0 else None
                following = self.sections[index + 1] if index + 1 < len(self.sections) else None
                return previous, node, following
        return None, None, None

    def find_former(self, slug):
        """The top-level section that used to be called ``slug``, if any."""
        return next((node for node in self.sections if slug in node.former_anchors), None)


def public_page_tree(*, at=None, **page_lookup):
    """The :class:`PageTree` of the public page matching ``page_lookup`` (``slug=`` or ``pk=``), or None.

    The page and its visible sections are read in one query: a public page's every other read hangs on
    them, and an uncached page may run at most ten queries.
    """
    at = at or timezone.now()
    (name, value), *rest = page_lookup.items()
    assert not rest and name in ("slug", "pk"), page_lookup
    rows = sorted(PAGE_WITH_SECTIONS[name](at, value), key=attrgetter("path"))
    if not rows or rows[0].depth != 1:  # in path order: the page comes first
        return None
    return _assemble(rows[0], rows[1:], at, include_drafts=False)


def build_page_tree(page, *, at=None, include_drafts=False):
    """Return the :class:`PageTree` of ``page`` as the public sees it at ``at`` (or, for previews, with drafts).

    A section is shown only when it and every section above it are visible, so
    a published subsection under a draft section stays hidden.
    """
    at = at or timezone.now()
    sections = _read_sections(page, None if include_drafts else at)
    return _assemble(page, sections, at, include_drafts)


def _assemble(page, sections, at, include_drafts):
    public_only = None if include_drafts else at
    # What hangs on the page and on the sections it shows; found by column, without a join back to sections.
    section_ids = [page.pk, *(section.pk for section in sections)]

    photos_by_section = defaultdict(list)
    for photo in PLACED_PHOTOS(section_ids):
        # Checked here on the rows at hand rather than in SQL. One still waiting for its image (imported from a
        # legacy page) cannot be drawn, not even in previews.
        if photo.image and (include_drafts or photo.is_shown_to_public(at)):
            photos_by_section[photo.placed_in_section_id].append(photo)
    links_by_section = defaultdict(list)
    for link in LINKS(section_ids):
        links_by_section[link.section_id].append(link)
    events_by_section = defaultdict(list)
    for event in _read_events(section_ids, public_only):
        events_by_section[event.section_id].append(event)

    # Photographs dropped into the texts: read only when a text shows one, so a page without costs no query.
    inline_ids = [pk for item in (page, *sections) for pk in inline_photo_ids(item.body_html)]
    inline = shown_photos(inline_ids, at=at, include_drafts=include_drafts)

    nodes_by_path = {}
    top_level = []
    for section in sections:
        section.page = page  # known already: spares a query per section when building addresses
        parent_path = section.path[: -Section.steplen]
        if parent_path == page.path:
            siblings = top_level
        elif parent_path in nodes_by_path:
            siblings = nodes_by_path[parent_path].children
        else:
            continue  # not reached: visible() leaves out every section under a hidden one
        level = section.depth - page.depth
        node = SectionNode(
            section=section,
            number=section_number(level, len(siblings) + 1),
            level=level,
            photos=photos_by_section[section.pk],
            links=links_by_section[section.pk],
            events=events_by_section[section.pk],
            body=body_parts(section.body_html, inline),
            state=preview_state(section, at) if include_drafts else "",
        )
        siblings.append(node)
        nodes_by_path[section.path] = node

    _assign_former_anchors(top_level)
    tree = PageTree(
        page=page,
        photos=photos_by_section[page.pk],
        links=links_by_section[page.pk],
        events=events_by_section[page.pk],
        sections=top_level,
        body=body_parts(page.body_html, inline),
    )
    first_figure = next(tree.figures(), None)
    if first_figure is not None:
        first_figure.is_first_figure = True  # on the first screen: not loaded lazily
    return tree


# The reads of a page tree. ``public_at`` keeps what the public may see at that moment; None (previews) keeps
# drafts too. What the public reads is compiled once per process (publishing.compiled: 5.4 → 2.3 ms for the
# overview); previews read through the ORM as it is.


def _page_with_sections(lookup):
    def build(at, value):
        # The page's id compared with both columns, each answered by an index (the primary key, page_id), and
        # no ORDER BY: the rows are put in path order by the caller. Written as "slug = … OR page_id IN (…)
        # ORDER BY path", SQLite read every section of the site in path order instead: 3.1 → 0.9 ms on the
        # large site's 1,570 sections (tests/performance/test_planner.py).
        the_page = Subquery(Section.objects.filter(depth=1, **{lookup: value}).values("pk"))
        return Section.objects.visible(at).filter(Q(pk=the_page) | Q(page_id=the_page)).order_by()

    return CompiledQuery(build)


PAGE_WITH_SECTIONS = {"slug": _page_with_sections("slug"), "pk": _page_with_sections("pk")}
PUBLIC_SECTIONS = CompiledQuery(lambda at, page_id: Section.objects.filter(page_id=page_id).visible(at))
PUBLIC_EVENTS = CompiledQuery(
    lambda at, section_ids: (
        Event.objects.filter(section_id__in=section_ids)
        .public(at)
        .only("pk", *EVENT_LIST_FIELDS)
        .order_by("starts_on", "start_time", "pk")
    )
)
# Each photograph placed in these sections, once per placement, in order, with ``placed_in_section_id``.
PLACED_PHOTOS = CompiledQuery(
    lambda section_ids: (
        Photo.objects.filter(placements__section_id__in=section_ids)
        .annotate(placed_in_section_id=F("placements__section_id"))
        .order_by("placements__position", "placements__pk")
    )
)
LINKS = CompiledQuery(lambda section_ids: RelatedLink.objects.filter(section_id__in=section_ids))


def _read_sections(page, public_at):
    if public_at is None:
        return list(Section.objects.filter(page=page))
    return list(PUBLIC_SECTIONS(public_at, page.pk))


def _read_events(section_ids, public_at):
    if public_at is None:
        return (
            Event.objects.filter(section_id__in=section_ids)
            .only("pk", *EVENT_LIST_FIELDS)
            .order_by("starts_on", "start_time", "pk")
        )
    return PUBLIC_EVENTS(public_at, section_ids)


def preview_state(item, at):
    """A short label for staff previews saying why ``item`` is not public at ``at``, or "" if it is."""
    if item.is_public(at):
        return ""
    if item.status != Status.PUBLISHED:
        return item.get_status_display()
    if item.publish_at and item.publish_at > at:
        return f"Scheduled for {format_moment(item.publish_at)}"
    return "Unpublished on schedule"


def _assign_former_anchors(top_level):
    """Give each section its former slugs as extra anchors, unless another section now uses that name.

    A current slug always wins over a former one, and a former slug shared by two
    sections goes to the first of them, so that every id on the page stays unique.
    """
    nodes = [node for root in top_level for node in root.walk()]
    taken = {node.anchor for node in nodes} | {f"{node.anchor}-title" for node in nodes}
    taken |= {"contents", "contents-title", "main"}
    for node in nodes:
        for slug in node.section.former_slugs or []:
            if slug not in taken:
                node.former_anchors.append(slug)
                taken.add(slug)
