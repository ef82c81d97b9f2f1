"""A restore's new rows, written in bulk.

Restoring into a site that does not have the content yet (a new database, the demo content, a
generated large site) creates thousands of rows; saved one at a time they take minutes. New
pages, with everything in them, and new photographs are written here with bulk inserts instead.
Bulk inserts skip ``save()`` and the save signals, so what they do is done here for all the rows
at once: Markdown rendered, review dates stamped as the importer stamps them, ``rows_created_in_bulk``
sent for the page cache and the search index, and the rows added to the revision being recorded, if any.

Tree paths are computed the way treebeard computes them (``Section._get_path``), with ``numchild``
filled in, so the result is a tree that treebeard can move and add to.
"""

import reversion

from events.models import Event
from photos.models import Photo, PhotoPlacement
from publishing.services import stamp_publication
from publishing.signals import rows_created_in_bulk
from sections.models import RelatedLink, Section

BATCH = 1000
# bulk_create sets these to "now"; a restore writes the export's values back afterwards.
AUTOMATIC_DATES = ("created_at", "updated_at")


def wanted_dates(values):
    return {name: values[name] for name in AUTOMATIC_DATES if name in values}


class BulkWriter:
    def __init__(self, report, load_fields, restore_event):
        self.report = report
        self.load_fields = load_fields
        self.restore_event = restore_event  # for an event of a new page that is already on the site
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

    def add_page(self, entry, photos):
        if self.next_root is None:
            last = Section.objects.get_last_root_node()
            self.next_root = Section._str2int(last.path) + 1 if last else 1
        path = Section._get_path(None, 1, self.next_root)
        self.next_root += 1
        page = self.add_section(entry, path, page=None, photos=photos, level=0)
        return page

    def add_section(self, entry, path, page, photos, level):
        values = self.load_fields(Section, entry)
        children = entry.get("children", [])
        section = Section(path=path, depth=level + 1, numchild=len(children), page=page, **values)
        self.render(section)
        if "review_by" not in values:
            stamp_publication(section)
        (self.pages if page is None else self.sections).append(section)
        self.dates.append((section, wanted_dates(values)))
        self.report.count("page" if page is None else "section", "created")
        self.report.tree.append(f"{'  ' * level}{section.title}  [created]")
        page = page or section
        for placement in entry.get("photos", []):
            self.add_placement(photos[placement["photo"]], placement["position"], section=section)
        for link in entry.get("links", []):
            self.links.append(RelatedLink(section=section, **self.load_fields(RelatedLink, link)))
            self.report.count("link", "created")
        self.events.extend((event, section) for event in entry.get("events", []))
        for position, child in enumerate(children, start=1):
            self.add_section(child, Section._get_path(path, level + 2, position), page, photos, level + 1)
        return section

    def render(self, instance):
        # Generated sites repeat a few bodies thousands of times: each distinct text is rendered once.
        if instance.body not in self.rendered:
            instance.render_body()
            self.rendered[instance.body] = instance.body_html
        instance.body_html = self.rendered[instance.body]

    def add_placement(self, photo, position, section=None, event=None):
        self.placements.append(PhotoPlacement(photo=photo, section=section, event=event, position=position))
        self.report.count("placement", "created")

    # Writing --------------------------------------------------------------------------------------

    def write_photos(self):
        Photo.objects.bulk_create(self.photos, batch_size=BATCH)
        self.created[Photo] += self.photos
        self.photos = []

    def write_pages(self, photos):
        # Parents first: a row's foreign key is read from its parent's primary key as it is inserted.
        for rows in (self.pages, self.sections):
            Section.objects.bulk_create(rows, batch_size=BATCH)
            self.created[Section] += rows
        RelatedLink.objects.bulk_create(self.links, batch_size=BATCH)
        self.created[RelatedLink] += self.links
        self.write_events(photos)
        PhotoPlacement.objects.bulk_create(self.placements, batch_size=BATCH)
        self.created[PhotoPlacement] += self.placements
        self.pages, self.sections, self.links, self.events, self.placements = [], [], [], [], []

    def write_events(self, photos):
        slugs = [entry["slug"] for entry, _ in self.events]
        existing = set()
        for start in range(0, len(slugs), BATCH):
            existing.update(Event.objects.filter(slug__in=slugs[start : start + BATCH]).values_list("slug", flat=True))
        new = []
        for entry, section in self.events:
            if entry["slug"] in existing:
                self.restore_event(entry, section)
                continue
            values = self.load_fields(Event, entry)
            event = Event(section=section, **values)
            self.render(event)
            new.append(event)
            self.dates.append((event, wanted_dates(values)))
            self.report.count("event", "created")
            for placement in entry.get("photos", []):
                self.add_placement(photos[placement["photo"]], placement["position"], event=event)
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
