"""Write a parsed legacy document into the content tree, updating what an earlier import created.

The caller runs :func:`import_document_spec` inside one transaction (``import_document`` does), so a
failure part-way leaves nothing behind and ``--dry-run`` can roll the whole import back.

Matching on a second import: the page by its slug; a section by its title (then its slug) among the
children of the same parent; a photograph by its caption within the section; a link by its URL within
the section; an event by its date within the section. Matched rows are updated from the document,
except suggested events, which belong to the editors once created. Nothing the document no longer
mentions is deleted: it is listed in the report for an editor to decide.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.text import slugify

from embassy.models import Status
from events.models import Event
from photos.models import Photo, PhotoPlacement
from sections.models import RelatedLink, Section
from sections.numbering import section_number
from sections.slugs import unique_slug

from .parsing import normalise_title


@dataclass
class ImportReport:
    page: Section | None = None
    counts: Counter = field(default_factory=Counter)
    tree: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def count(self, kind, action):
        self.counts[(kind, action)] += 1

    def summary(self):
        kinds = {
            "page": "pages", "section": "sections", "photo": "photos", "link": "links", "event": "events",
            "placement": "photo placements", "site settings": "site settings",
        }  # fmt: skip
        parts = []
        for kind, label in kinds.items():
            created, updated = self.counts[(kind, "created")], self.counts[(kind, "updated")]
            unchanged = self.counts[(kind, "unchanged")]
            if created or updated or unchanged:
                parts.append(f"{label}: {created} new, {updated} updated, {unchanged} unchanged")
        return "; ".join(parts)


def fresh(section):
    """Treebeard writes paths from the values in memory; after other writes they must be read again."""
    return Section.objects.get(pk=section.pk)


def keep_order(parent, wanted_pks):
    """Make the listed children of ``parent`` follow the document's order (others stay after them)."""
    current = list(Section.objects.get_children(fresh(parent)).values_list("pk", flat=True))
    if [pk for pk in current if pk in set(wanted_pks)] == list(wanted_pks):
        return False
    previous = None
    for pk in wanted_pks:
        if previous is None:
            Section.objects.move(fresh(Section(pk=pk)), fresh(parent), "first-child")
        else:
            Section.objects.move(fresh(Section(pk=pk)), fresh(Section(pk=previous)), "right")
        previous = pk
    return True


def set_fields(instance, values):
    """Assign ``values``; return whether anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


class DocumentImporter:
    def __init__(self):
        self.report = ImportReport()

    def run(self, spec, page_slug=None):
        slug = page_slug or spec.slug or slugify(spec.title)[:100] or "imported-page"
        page = Section.objects.pages().filter(slug=slug).first()
        values = {"title": spec.title[:255]}
        if spec.body:
            values["body"] = spec.body
        if spec.publisher:
            values["publisher"] = spec.publisher
        if spec.dated:
            values["dated"], values["date_precision"] = spec.dated, spec.date_precision
        if page is None:
            # A new page starts as a draft; its sections are published so that publishing the page
            # after review shows it whole. Sections added to an existing page start as drafts.
            page = Section.objects.add_root(instance=Section(slug=slug, status=Status.DRAFT, **values))
            action, self.new_section_status = "created", Status.PUBLISHED
        else:
            action = "updated" if set_fields(page, values) else "unchanged"
            if action == "updated":
                page.save()
            self.new_section_status = Status.DRAFT
        self.report.page = page
        self.report.count("page", action)
        self.report.tree.append(f"{page.title}  [page /{page.slug}/, {action}{self.contents_note(spec)}]")
        self.sync_contents(page, page, spec, level=0)
        return self.report

    @staticmethod
    def contents_note(spec):
        parts = [
            f"{len(items)} {name}{'s' if len(items) != 1 else ''}"
            for name, items in (("photo", spec.photos), ("link", spec.links), ("event", spec.events))
            if items
        ]
        return f"; {', '.join(parts)}" if parts else ""

    def sync_contents(self, page, node, spec, level):
        for position, photo in enumerate(spec.photos):
            self.sync_photo(node, photo, position)
        for position, link in enumerate(spec.links):
            self.sync_link(node, link, position)
        for event in spec.events:
            self.sync_event(node, event)
        existing = list(Section.objects.get_children(fresh(node)))
        placed = []
        for position, child_spec in enumerate(spec.children, start=1):
            child, action = self.sync_section(page, node, existing, placed, child_spec)
            placed.append(child.pk)
            indent = "  " * (level + 1)
            label = section_number(level + 1, position)
            self.report.tree.append(f"{indent}{label} {child.title}  [{action}{self.contents_note(child_spec)}]")
            self.sync_contents(page, child, child_spec, level + 1)
        if keep_order(node, placed):
            self.report.notes.append(f"Sections under “{node.title}” were put in the document's order.")
        for extra in existing:
            if extra.pk not in placed:
                self.report.notes.append(
                    f"“{extra.title}” under “{node.title}” is not in the document; it was left in place."
                )

    def sync_section(self, page, parent, existing, placed, spec):
        wanted = normalise_title(spec.title)
        candidates = [section for section in existing if section.pk not in placed]
        match = next((s for s in candidates if normalise_title(s.title) == wanted), None)
        if match is None:
            match = next((s for s in candidates if s.slug == slugify(spec.title)[:100]), None)
        values = {"title": spec.title[:255]}
        if spec.body:
            values["body"] = spec.body
        if match is not None:
            match = fresh(match)
            changed = set_fields(match, values)
            if changed:
                match.save()
            self.report.count("section", "updated" if changed else "unchanged")
            return match, "updated" if changed else "unchanged"
        slug = unique_slug(Section.objects.filter(page=page), slugify(spec.title))
        section = Section(slug=slug, status=self.new_section_status, **values)
        section = Section.objects.add_child(fresh(parent), instance=section)
        self.report.count("section", "created")
        return section, "new"

    def sync_photo(self, section, spec, position):
        placements = PhotoPlacement.objects.filter(section=section).select_related("photo")
        wanted = normalise_title(spec.caption)
        placement = next((p for p in placements if normalise_title(p.photo.caption) == wanted), None)
        if placement is None:
            photo = Photo(
                caption=spec.caption,
                credit=spec.credit,
                alt_text=spec.alt_text,
                original_filename=spec.original_filename,
                status=Status.DRAFT,  # waits for its image; never public without one
            )
            photo.save()
            PhotoPlacement.objects.create(photo=photo, section=section, position=position)
            self.report.count("photo", "created")
            return
        photo = placement.photo
        values = {"caption": spec.caption}
        if spec.credit:
            values["credit"] = spec.credit
        if spec.alt_text and not photo.alt_text:
            values["alt_text"] = spec.alt_text
        changed = set_fields(photo, values)
        if changed:
            photo.save()
        if placement.position != position:
            placement.position = position
            placement.save(update_fields=["position"])
        self.report.count("photo", "updated" if changed else "unchanged")

    def sync_link(self, section, spec, position):
        link = RelatedLink.objects.filter(section=section, url=spec.url).first()
        if link is None:
            RelatedLink.objects.create(section=section, title=spec.title, url=spec.url, position=position)
            self.report.count("link", "created")
            return
        changed = set_fields(link, {"title": spec.title, "position": position})
        if changed:
            link.save()
        self.report.count("link", "updated" if changed else "unchanged")

    def sync_event(self, section, spec):
        if Event.objects.filter(section=section, starts_on=spec.starts_on).exists():
            self.report.count("event", "unchanged")
            return
        base = f"{slugify(spec.title)[:100]}-{spec.starts_on.isoformat()}"
        Event.objects.create(
            section=section,
            slug=unique_slug(Event.objects.all(), base, limit=120),
            title=spec.title,
            starts_on=spec.starts_on,
            date_precision=spec.date_precision,
            summary=spec.summary,
            body=spec.body,
            status=Status.DRAFT,  # a suggestion for an editor to check
        )
        self.report.count("event", "created")


def import_document_spec(spec, page_slug=None):
    return DocumentImporter().run(spec, page_slug=page_slug)
