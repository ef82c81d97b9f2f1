"""Write a parsed legacy document into the content tree, updating what an earlier import created.

:func:`import_document_spec` runs in one transaction, so a failure part-way leaves nothing behind and
``--dry-run`` can roll the whole import back. Every row is checked as the admin checks it
(``full_clean()``) before it is written; problems are collected, one line each, and any problem
rolls the whole import back.

Matching on a second import: the page by its slug; a section by its title (then its slug) among the
children of the same parent; a photograph by its caption within the section; a link by its URL within
the section; an event by its date within the section. Matched rows are updated from the document,
except suggested events, which belong to the editors once created. Nothing the document no longer
mentions is deleted: it is listed in the report for an editor to decide.
"""

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from events.models import Event
from markup.validators import UNSAFE_CHARACTERS, describe_unsafe_character
from photos.models import Photo, PhotoPlacement
from publishing.models import Status
from publishing.services import stamp_publication
from sections.models import RelatedLink, Section, page_slug_problem
from sections.numbering import section_number
from sections.slugs import unique_slug

from .documents import DocumentError
from .parsing import normalise_title

# Written by the tree (treebeard) and the save, never taken from a document.
TREE_FIELDS = ("path", "depth", "numchild", "page")
# treebeard's path holds this many levels (its column is 255 characters, 4 per level).
MAX_SECTION_DEPTH = Section._meta.get_field("path").max_length // Section.steplen


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


class ImportChecks:
    """The admin's checks for every row an import writes, with the problems collected one line each."""

    def __init__(self):
        self.problems = []

    def problem(self, where, message):
        self.problems.append(f"{where}: {message}")

    def is_valid(self, instance, where, exclude=()):
        """``full_clean()`` as the admin's forms run it; uniqueness is left to matching (and the database)."""
        # The English column of a translated field (``body_en``) holds the same text as the field itself (``body``),
        # which is checked: as in the admin's forms, it is not checked twice.
        english_copies = [
            field.name
            for field in instance._meta.concrete_fields
            if getattr(field, "translated_field", None) is not None
            and field.name.endswith(f"_{settings.LANGUAGE_CODE}")
        ]
        try:
            instance.full_clean(exclude=[*exclude, *english_copies], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.problem(where, message if name == "__all__" else f"{name}: {message}")
            return False
        return True

    def is_valid_page_slug(self, slug, where):
        problem = page_slug_problem(slug)
        if problem:
            self.problem(where, f"slug: {problem}")
        return problem is None

    def raise_problems(self):
        if self.problems:
            count = len(self.problems)
            lines = "\n".join(f"  {line}" for line in self.problems)
            raise DocumentError(f"{count} problem{'s' if count != 1 else ''} in the file:\n{lines}")


class DocumentImporter(ImportChecks):
    def __init__(self):
        super().__init__()
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
        where = f"page “{slug}”"
        if page is None:
            # A new page starts as a draft; its sections are published so that publishing the page
            # after review shows it whole. Sections added to an existing page start as drafts.
            page = Section(slug=slug, status=Status.DRAFT, **values)
            if not (self.is_valid(page, where, TREE_FIELDS) and self.is_valid_page_slug(slug, where)):
                self.raise_problems()
            page = Section.objects.add_root(instance=page)
            action, self.new_section_status = "created", Status.PUBLISHED
        else:
            action = "updated" if set_fields(page, values) else "unchanged"
            if not self.is_valid(page, where, TREE_FIELDS):
                self.raise_problems()
            if action == "updated":
                page.save()
            self.new_section_status = Status.DRAFT
        self.report.page = page
        self.report.count("page", action)
        self.report.tree.append(f"{page.title}  [page /{page.slug}/, {action}{self.contents_note(spec)}]")
        self.sync_contents(page, page, spec, level=0)
        self.raise_problems()
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
            if child is None:
                continue  # refused: its problems are listed, and nothing will be saved
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
        where = f"section “{spec.title[:60]}”"
        if match is not None:
            match = fresh(match)
            changed = set_fields(match, values)
            if not self.is_valid(match, where, TREE_FIELDS):
                return None, "refused"
            if changed:
                match.save()
            self.report.count("section", "updated" if changed else "unchanged")
            return match, "updated" if changed else "unchanged"
        slug = unique_slug(Section.objects.filter(page=page), slugify(spec.title))
        section = Section(slug=slug, status=self.new_section_status, **values)
        stamp_publication(section)
        if not self.is_valid(section, where, TREE_FIELDS):
            return None, "refused"
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
            if not self.is_valid(photo, f"photograph “{spec.caption[:60]}”"):
                return
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
        if not self.is_valid(photo, f"photograph “{spec.caption[:60]}”"):
            return
        if changed:
            photo.save()
        if placement.position != position:
            placement.position = position
            placement.save(update_fields=["position"])
        self.report.count("photo", "updated" if changed else "unchanged")

    def sync_link(self, section, spec, position):
        link = RelatedLink.objects.filter(section=section, url=spec.url).first()
        action = "created" if link is None else "unchanged"
        link = link or RelatedLink(section=section, url=spec.url)
        if set_fields(link, {"title": spec.title, "position": position}) and action != "created":
            action = "updated"
        if not self.is_valid(link, f"link {spec.url[:80]!r}"):
            return
        if action != "unchanged":
            link.save()
        self.report.count("link", action)
        return

    def sync_event(self, section, spec):
        if Event.objects.filter(section=section, starts_on=spec.starts_on).exists():
            self.report.count("event", "unchanged")
            return
        base = f"{slugify(spec.title)[:100]}-{spec.starts_on.isoformat()}"
        event = Event(
            section=section,
            slug=unique_slug(Event.objects.all(), base, limit=120),
            title=spec.title,
            starts_on=spec.starts_on,
            date_precision=spec.date_precision,
            summary=spec.summary,
            body=spec.body,
            status=Status.DRAFT,  # a suggestion for an editor to check
        )
        if not self.is_valid(event, f"event “{spec.title[:60]}”"):
            return
        event.save()
        self.report.count("event", "created")


def refuse_control_characters(item):
    """Raise DocumentError naming the first text of the document that no feed or calendar could carry.

    Checked before anything is written, so that the editor fixes the file rather than a half-imported page.
    """
    for name, value in _texts(item):
        problem = describe_unsafe_character(value)
        if problem:
            kind = type(item).__name__.removesuffix("Spec").lower().replace("document", "page")
            title = UNSAFE_CHARACTERS.sub("\ufffd", getattr(item, "title", None) or getattr(item, "caption", ""))
            raise DocumentError(
                f"The {name.replace('_', ' ')} of the {kind} “{title[:80]}” cannot be imported. {problem} "
                "Remove it from the document and import it again."
            )
    for value in _children(item):
        refuse_control_characters(value)


def _texts(item):
    for spec_field in dataclasses.fields(item):
        value = getattr(item, spec_field.name)
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                yield ("text" if spec_field.name == "paragraphs" else spec_field.name), text


def _children(item):
    for spec_field in dataclasses.fields(item):
        value = getattr(item, spec_field.name)
        yield from (child for child in (value if isinstance(value, list) else []) if dataclasses.is_dataclass(child))


@transaction.atomic
def import_document_spec(spec, page_slug=None):
    refuse_control_characters(spec)
    return DocumentImporter().run(spec, page_slug=page_slug)
