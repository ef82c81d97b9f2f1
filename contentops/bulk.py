"""A restore's new rows, written in bulk.

Restoring into a site that does not have the content yet (a new database, the demo content, a
generated large site) creates thousands of rows; saved one at a time they take minutes. New
pages, with everything in them, and new photographs are written here with bulk inserts instead.
Bulk inserts skip ``save()`` and the save signals, so what they do is done here for all the rows
at once: Markdown rendered, review dates stamped as the importer stamps them, ``rows_created_in_bulk``
sent for the page cache and the search index, and the rows added to the revision being recorded, if any.
Every entry is checked as it is collected, by the restorer's checks (the admin's, ``full_clean()``);
a refused entry is left out, with what it contains, and the restorer writes nothing if any was refused.

Tree paths are computed the way treebeard computes them (``Section._get_path``), with ``numchild``
filled in, so the result is a tree that treebeard can move and add to.
"""

import reversion

from events.models import Event
from markup.markdown import render_markdown
from photos.models import Photo, PhotoPlacement
from publishing.services import stamp_publication
from publishing.signals import rows_created_in_bulk
from sections.models import RelatedLink, Section

BATCH = 1000
# bulk_create sets these to "now"; a restore writes the export's values back afterwards.
AUTOMATIC_DATES = ("created_at", "updated_at")


def items(entry, key):
    """``entry[key]`` as a list of entries (absent: none); anything else is damage, reported as such."""
    value = entry.get(key, [])
    if not isinstance(value, list):
        raise TypeError(f"{key!r} is not a list")
    return value


def wanted_dates(values):
    return {name: values[name] for name in AUTOMATIC_DATES if name in values}


class BulkWriter:
    def __init__(self, report, checks):
        """``checks``: the restorer, which checks entries and restores an event of a new page already on the site."""
        self.report = report
        self.checks = checks
        self.photos, self.pages, self.sections, self.links, self.events, self.placements = [], [], [], [], [], []
        self.dates = []  # (instance, the dates the export gives it)
        self.created = {Section: [], Event: [], Photo: [], RelatedLink: [], PhotoPlacement: []}
        self.next_root = None
        self.rendered = {}

    # Collecting -----------------------------------------------------------------------------------

    def add_photo(self, values, uploaded_by):
        photo = Photo(uploaded_by=uploaded_by, **values)
        self.photos.append(photo)
        self.dates.append((photo, wanted_dates(values)))
        self.report.count("photo", "created")
        return photo

    def add_page(self, entry, values, where):
        """A new page, ``values`` its checked values; ``where`` names it in the problems of what it contains."""
        if self.next_root is None:
            last = Section.objects.get_last_root_node()
            self.next_root = Section._str2int(last.path) + 1 if last else 1
        path = Section._get_path(None, 1, self.next_root)
        self.next_root += 1
        page = self.add_section(entry, values, where, path, page=None, level=0)
        return page

    def unwritten_page_slugs(self):
        return {page.slug for page in self.pages}

    def add_section(self, entry, values, where, path, page, level):
        section = Section(path=path, depth=level + 1, page=page, **values)
        self.render(section)
        if "review_by" not in values:
            stamp_publication(section)
        (self.pages if page is None else self.sections).append(section)
        self.dates.append((section, wanted_dates(values)))
        self.report.count("page" if page is None else "section", "created")
        self.report.tree.append(f"{'  ' * level}{section.title}  [created]")
        page = page or section
        for placement in items(entry, "photos"):
            placed = self.checks.placed_photo(placement, where)
            if placed is not None:
                self.add_placement(*placed, section=section)
        for number, link in enumerate(items(entry, "links"), start=1):
            link_values = self.checks.checked(RelatedLink, link, f"{where}, link {number}", exclude=["section"])
            if link_values is not None:
                self.links.append(RelatedLink(section=section, **link_values))
                self.report.count("link", "created")
        for number, event in enumerate(items(entry, "events"), start=1):
            self.add_event(event, section, f"{where}, event {number}")
        section.numchild = 0
        for number, child in enumerate(items(entry, "children"), start=1):
            child_values, child_where = self.checks.section_values(
                child, section, level + 1, f"{where}, section {number}"
            )
            if child_values is None:
                continue  # refused, with what it contains
            section.numchild += 1
            child_path = Section._get_path(path, level + 2, section.numchild)
            self.add_section(child, child_values, child_where, child_path, page, level + 1)
        return section

    def add_event(self, entry, section, where):
        values = self.checks.checked(Event, entry, where, exclude=["section"])
        if values is None:
            return
        placements = [
            placed
            for placement in items(entry, "photos")
            if (placed := self.checks.placed_photo(placement, f"{where} (“{values['slug']}”)")) is not None
        ]
        self.events.append((entry, section, values, where, placements))

    def render(self, instance):
        # Generated sites repeat a few bodies thousands of times: each distinct text is rendered once.
        instance.render_body(render=self._render_once)

    def _render_once(self, body):
        if body not in self.rendered:
            self.rendered[body] = render_markdown(body)
        return self.rendered[body]

    def add_placement(self, photo, position, section=None, event=None):
        self.placements.append(PhotoPlacement(photo=photo, section=section, event=event, position=position))
        self.report.count("placement", "created")

    # Writing --------------------------------------------------------------------------------------

    def write_photos(self):
        Photo.objects.bulk_create(self.photos, batch_size=BATCH)
        self.created[Photo] += self.photos
        self.photos = []

    def write_pages(self):
        # Parents first: a row's foreign key is read from its parent's primary key as it is inserted.
        for rows in (self.pages, self.sections):
            Section.objects.bulk_create(rows, batch_size=BATCH)
            self.created[Section] += rows
        RelatedLink.objects.bulk_create(self.links, batch_size=BATCH)
        self.created[RelatedLink] += self.links
        self.write_events()
        PhotoPlacement.objects.bulk_create(self.placements, batch_size=BATCH)
        self.created[PhotoPlacement] += self.placements
        self.pages, self.sections, self.links, self.events, self.placements = [], [], [], [], []

    def write_events(self):
        slugs = [values["slug"] for _, _, values, _, _ in self.events]
        existing = set()
        for start in range(0, len(slugs), BATCH):
            existing.update(Event.objects.filter(slug__in=slugs[start : start + BATCH]).values_list("slug", flat=True))
        new = []
        for entry, section, values, where, placements in self.events:
            if values["slug"] in existing:
                self.checks.restore_event(entry, section, where, values)
                continue
            event = Event(section=section, **values)
            self.render(event)
            new.append(event)
            self.dates.append((event, wanted_dates(values)))
            self.report.count("event", "created")
            for photo, position in placements:
                self.add_placement(photo, position, event=event)
        Event.objects.bulk_create(new, batch_size=BATCH)
        self.created[Event] += new

    def finish(self):
        """After every bulk write: what the save signals would have done."""
        self.restore_dates()
        for model, objects in self.created.items():
            if objects:
                rows_created_in_bulk.send(sender=model, objects=objects)
        if reversion.is_active():
            for model in (Section, Event, Photo):  # links and placements follow their section or event
                for obj in self.created[model]:
                    reversion.add_to_revision(obj)

    def restore_dates(self):
        by_model_and_fields = {}
        for instance, dates in self.dates:
            if dates:
                for name, value in dates.items():
                    setattr(instance, name, value)
                by_model_and_fields.setdefault((type(instance), tuple(dates)), []).append(instance)
        for (model, fields), instances in by_model_and_fields.items():
            model.objects.bulk_update(instances, list(fields), batch_size=BATCH)
        self.dates = []
