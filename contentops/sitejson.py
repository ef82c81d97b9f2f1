"""The site's content as JSON, and back: pages with their section trees, events, photographs' metadata, links.

Every stored column is written, read from the models' own field lists, so a field added later travels
without changes here. Rows refer to each other by natural keys (page and section slugs, event slugs,
a key per photograph), never by database ids, so an export can be loaded into another database.
Photograph files are not in the export: a photograph keeps the name of its file, and is restored
without an image ("image missing") when that file is not in the target's media storage. A document
written by hand (the demo content, contentops/demo/site.json) may instead name a placeholder to draw
for a photograph, ``"placeholder": "photo"`` or ``"chart"`` (photos/placeholders.py).
Pages and photographs the site does not have yet are written in bulk (bulk.py); the rest row by row.
Every entry, written in bulk or not, is first checked as the admin checks it (``full_clean()``); the
problems are listed one a line, and any problem keeps the whole restore from being stored.
Columns that the database computes from others (``body_html``, the tree's ``path``) are rebuilt.
"""

import datetime
import decimal
import json
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone, translation

from events.models import Event
from photos.forms import PhotoFileField
from photos.models import Photo, PhotoPlacement
from photos.placeholders import PLACEHOLDER_KINDS, placeholder_png
from photos.renditions import is_safe_name
from sections.models import RelatedLink, Section
from sitewide.models import FooterLink, PhoneLine, SiteSettings

from .bulk import BulkWriter, items
from .documents import DocumentError
from .importing import MAX_SECTION_DEPTH, TREE_FIELDS, ImportChecks, ImportReport, fresh, keep_order, set_fields

FORMAT = "embassy-site-export"
VERSION = 1

# Columns kept out of the export: ids, the tree's bookkeeping and text rendered from Markdown (in every language).
DERIVED = {"path", "depth", "numchild", "body_html", *(f"body_html_{code}" for code, _name in settings.LANGUAGES)}


def plain_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and not f.is_relation and f.name not in DERIVED and not _is_default_language_copy(f)
    ]


def _is_default_language_copy(field):
    """A translated field's English column (``title_en``): the document carries the English as ``title``, as it
    always has, so documents written before the Japanese columns load unchanged, and the other languages as
    ``title_ja``."""
    original = getattr(field, "translated_field", None)
    return original is not None and field.name == f"{original.name}_{settings.LANGUAGE_CODE}"


def dump_value(field, value):
    if value is None:
        return None
    if isinstance(field, models.FileField):
        return value.name or ""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def dump_fields(instance):
    # Written in the default language whichever is active: ``title`` is the English, ``title_ja`` the Japanese.
    with translation.override(settings.LANGUAGE_CODE):
        return {f.name: dump_value(f, f.value_from_object(instance)) for f in plain_fields(type(instance))}


# --------------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------------


class SiteExporter:
    def __init__(self):
        self.photo_keys = {}
        self.photos = []

    def export(self, pages, whole_site=False):
        data = {"format": FORMAT, "version": VERSION, "exported_at": timezone.now().isoformat()}
        if whole_site:
            for photo in Photo.objects.order_by("created_at", "pk").select_related("uploaded_by"):
                self.photo_key(photo)
        data["pages"] = [self.page(page) for page in pages]
        if whole_site:
            data["events_without_section"] = [
                self.event(event, self.event_photos([event]))
                for event in Event.objects.filter(section__isnull=True).order_by("starts_on", "slug")
            ]
            data["site_settings"] = self.site_settings()
        data["photos"] = self.photos
        return data

    def photo_key(self, photo):
        if photo.pk not in self.photo_keys:
            key = f"photo-{len(self.photo_keys) + 1}"
            self.photo_keys[photo.pk] = key
            entry = {"key": key, **dump_fields(photo)}
            entry["uploaded_by"] = photo.uploaded_by.get_username() if photo.uploaded_by_id else None
            self.photos.append(entry)
        return self.photo_keys[photo.pk]

    def event_photos(self, events):
        by_event = {}
        placements = PhotoPlacement.objects.filter(event__in=events).select_related("photo", "photo__uploaded_by")
        for placement in placements.order_by("position", "pk"):
            by_event.setdefault(placement.event_id, []).append(placement)
        return by_event

    def page(self, page):
        sections = [page, *Section.objects.filter(page=page).order_by("path")]
        links, placements, events = {}, {}, {}
        for link in RelatedLink.objects.filter(section__in=sections).order_by("position", "pk"):
            links.setdefault(link.section_id, []).append(link)
        section_placements = PhotoPlacement.objects.filter(section__in=sections).select_related(
            "photo", "photo__uploaded_by"
        )
        for placement in section_placements.order_by("position", "pk"):
            placements.setdefault(placement.section_id, []).append(placement)
        page_events = list(Event.objects.filter(section__in=sections).order_by("starts_on", "slug"))
        for event in page_events:
            events.setdefault(event.section_id, []).append(event)
        event_photos = self.event_photos(page_events)

        entries = {}
        for section in sections:
            entry = dump_fields(section)
            entry["photos"] = [self.placement(p) for p in placements.get(section.pk, [])]
            entry["links"] = [dump_fields(link) for link in links.get(section.pk, [])]
            entry["events"] = [self.event(event, event_photos) for event in events.get(section.pk, [])]
            entry["children"] = []
            entries[section.path] = entry
            if section is not page:
                entries[section.path[: -Section.steplen]]["children"].append(entry)
        return entries[page.path]

    def placement(self, placement):
        return {"photo": self.photo_key(placement.photo), "position": placement.position}

    def event(self, event, event_photos):
        entry = dump_fields(event)
        entry["photos"] = [self.placement(p) for p in event_photos.get(event.pk, [])]
        return entry

    def site_settings(self):
        settings = SiteSettings.objects.filter(pk=1).first()
        if settings is None:
            return None
        entry = dump_fields(settings)
        entry["home_page"] = settings.home_page.slug if settings.home_page_id else None
        entry["phone_lines"] = [dump_fields(line) for line in settings.phone_lines.all()]
        entry["footer_links"] = [
            {**dump_fields(link), "page": link.page.slug} for link in settings.footer_links.select_related("page")
        ]
        return entry


def export_site(pages=None):
    """The JSON-ready export of ``pages``, or of the whole site when ``pages`` is None."""
    if pages is None:
        return SiteExporter().export(list(Section.objects.pages().order_by("path")), whole_site=True)
    return SiteExporter().export(pages)


def dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------------


def parse_export(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DocumentError(f"The file is not valid JSON ({error.msg} at line {error.lineno}).") from None
    except RecursionError:
        raise DocumentError("The file nests lists or objects too deeply to be an export of this site.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DocumentError(f'This JSON file is not an export of this site (no "format": "{FORMAT}").')
    if data.get("version") != VERSION:
        raise DocumentError(f"This export has version {data.get('version')!r}; this site reads version {VERSION}.")
    if not isinstance(data.get("pages"), list) or not isinstance(data.get("photos"), list):
        raise DocumentError("The export has no list of pages or photographs.")
    return data


def store_exactly(instance, values):
    """Write ``values`` as given, past ``save()``'s automatic dates and defaults, so a restore is exact."""
    type(instance).objects.filter(pk=instance.pk).update(**values)
    for name, value in values.items():
        setattr(instance, name, value)


class PhotoMatcher:
    """Which photograph on the site each entry of an export is, if any.

    By its file, caption and original name; failing that, by its file alone (an editor may have changed
    the caption since the export). Generated sites give many photographs one file: each entry claims
    a different photograph. A photograph without a file is known by caption and original name; so is
    one the document asks to be drawn as a placeholder, whether or not it has been drawn yet.
    """

    def __init__(self):
        self.exact, self.by_image, self.without_file = {}, {}, {}
        rows = Photo.objects.order_by("pk").values_list("pk", "image", "caption", "original_filename", "is_placeholder")
        for pk, image, caption, filename, is_placeholder in rows:
            self.exact.setdefault((image, caption, filename), []).append(pk)
            if image:
                self.by_image.setdefault(image, []).append(pk)
            if not image or is_placeholder:
                self.without_file.setdefault((caption, filename), []).append(pk)
        self.claimed = set()

    def claim(self, candidates):
        pk = next((pk for pk in candidates if pk not in self.claimed), None)
        if pk is not None:
            self.claimed.add(pk)
        return pk

    def match(self, wanted):
        """``wanted``: (values, drawn) per entry; returns the matching photograph's pk (or None) for each."""
        found = []
        for values, drawn in wanted:
            name, key = values.get("image") or "", (values.get("caption", ""), values.get("original_filename", ""))
            candidates = self.without_file.get(key, []) if drawn or not name else self.exact.get((name, *key), [])
            found.append(self.claim(candidates))
        for index, (values, drawn) in enumerate(wanted):
            if found[index] is None and values.get("image") and not drawn:
                found[index] = self.claim(self.by_image.get(values["image"], []))
        return found


def save_exactly(instance, values):
    """Save a new or changed row, then write ``values`` as given; the action, for the report."""
    action = "updated" if instance.pk else "created"
    instance.save()
    store_exactly(instance, values)
    return action


class SiteRestorer(ImportChecks):
    """Checks every entry as it goes; rows are written only while no problem has been found.

    New pages are collected, checked, and written in bulk once every page has been read, and only if
    nothing was refused; the rows written one by one before a problem turned up are rolled back with
    the transaction that :func:`restore_site` opens.
    """

    def __init__(self):
        super().__init__()
        self.report = ImportReport()
        self.photos = {}
        self.users = {}
        self.files = {}
        self.bulk = BulkWriter(self.report, self)

    def restore(self, data):
        try:
            self.restore_photos(items(data, "photos"))
            for number, entry in enumerate(items(data, "pages"), start=1):
                page = self.restore_page(entry, f"page {number}")
                self.report.page = self.report.page or page
            if not self.problems:
                self.bulk.write_pages()
            for number, entry in enumerate(data.get("events_without_section") or [], start=1):
                self.restore_event(entry, section=None, where=f"event {number} without a section")
            if data.get("site_settings"):
                self.restore_site_settings(data["site_settings"])
            if not self.problems:
                self.bulk.finish()
        except (KeyError, TypeError, ValueError, AttributeError, ObjectDoesNotExist) as error:
            raise DocumentError(f"The export is incomplete or damaged ({type(error).__name__}: {error}).") from None
        self.raise_problems()
        return self.report

    # Checks -----------------------------------------------------------------------------------------

    def checked(self, model, entry, where, exclude=()):
        """The entry's values for ``model``'s columns, cleaned and checked as the admin checks them.

        None (with the problems noted) when the admin would refuse them.
        """
        if not isinstance(entry, dict):
            raise TypeError(f"{where} is not an object")
        fields = [field for field in plain_fields(model) if field.name in entry]
        # A file is checked by its name alone: setting it on the model would open it to read its size.
        files = {field.name: entry[field.name] or "" for field in fields if isinstance(field, models.FileField)}
        candidate = model(**{field.name: entry[field.name] for field in fields if field.name not in files})
        valid = self.is_valid(candidate, where, exclude=[*exclude, *TREE_FIELDS, *files])
        for name, value in files.items():
            if not isinstance(value, str) or (value and not is_safe_name(value)):
                self.problem(where, f"{name}: {value!r} is not a relative name inside the media storage.")
                valid = False
        if not valid:
            return None
        values = {field.name: files.get(field.name) or getattr(candidate, field.name) for field in fields}
        for field in fields:
            value = values[field.name]
            if isinstance(field, models.DateTimeField) and value is not None and timezone.is_naive(value):
                # Exports write every moment with its offset; without one, the moment is unknown.
                self.problem(where, f"{field.name}: “{value.isoformat()}” has no time zone offset.")
                return None
        return values

    def section_values(self, entry, parent, level, where):
        """A page's or section's checked values (None if refused), and where it is, named by its slug."""
        values = self.checked(Section, entry, where)
        if values is None:
            return None, where  # its subsections cannot be placed: their problems show once this one is mended
        where = f"{where} (“{values['slug']}”)"
        if parent is None and not self.is_valid_page_slug(values["slug"], where):
            return None, where
        if level >= MAX_SECTION_DEPTH:
            self.problem(where, f"sections nest at most {MAX_SECTION_DEPTH} levels deep.")
            return None, where
        return values, where

    def placed_photo(self, entry, where):
        """The photograph a placement names and its position; None if either is refused."""
        if not isinstance(entry, dict) or not isinstance(entry.get("photo"), str):
            raise TypeError(f"a photograph placement of {where} names no photograph")
        if entry["photo"] not in self.photos:
            self.problem(where, f"places the photograph {entry['photo']!r}, which is not in the export.")
            return None
        photo = self.photos[entry["photo"]]
        position = entry.get("position", 0)
        if not isinstance(position, int) or isinstance(position, bool) or position < 0:
            self.problem(where, f"the position of the photograph {entry['photo']!r} is not a whole number.")
            return None
        if photo is None or photo.pk is None:
            # Refused, and said so with the photograph itself; or, new, not written because of a problem.
            return None
        return photo, position

    def page_named(self, slug, where):
        page = Section.objects.pages().filter(slug=slug).first() if isinstance(slug, str) else None
        if page is None and slug not in self.bulk.unwritten_page_slugs():
            self.problem(where, f"names the page {slug!r}, which is neither in the export nor on the site.")
        return page

    # Rows -------------------------------------------------------------------------------------------

    def user(self, username):
        if not username:
            return None
        if username not in self.users:
            self.users[username] = get_user_model()._default_manager.filter(username=str(username)).first()
        return self.users[username]

    def file_exists(self, name):
        # Generated sites give thousands of photographs one file: the storage is asked once.
        if name not in self.files:
            self.files[name] = default_storage.exists(name)
        return self.files[name]

    def files_in_place(self, values):
        """Whether a new photograph's image, if any, and every rendition recorded for it are in the media storage.

        Then its row can be written as it stands, in bulk. Otherwise it is saved, which makes the
        renditions from the image, or finds that it cannot be read as one.
        """
        name = values.get("image") or ""
        if not name:
            return True
        records = values.get("renditions") or []
        return bool(records) and all(self.file_exists(file) for file in [name, *(r["name"] for r in records)])

    def photo_values(self, entry, where):
        values = self.checked(Photo, entry, where, exclude=["uploaded_by"])
        if values is None:
            return None
        name = values.get("image") or ""
        if name and not self.file_exists(name):
            self.report.notes.append(f"The file of “{values.get('caption')}” ({name}) is missing: image missing.")
            values["image"] = ""
            values["width"] = values["height"] = 0
        if entry.get("placeholder") and not values.get("image"):
            for column in ("image", "width", "height", "renditions"):
                values.pop(column, None)  # drawn on first load; kept as drawn on the next
        return values

    def restore_photos(self, entries):
        accepted = []
        for entry in entries:
            where = f"photograph {entry['key']!r}"
            values = self.photo_values(entry, where)
            self.photos[entry["key"]] = None
            if values is not None:
                accepted.append((entry, values, where))
        matches = PhotoMatcher().match([(values, bool(entry.get("placeholder"))) for entry, values, _ in accepted])
        found = Photo.objects.in_bulk([pk for pk in matches if pk is not None])
        for (entry, values, where), pk in zip(accepted, matches, strict=True):
            self.photos[entry["key"]] = self.restore_photo(entry, values, found.get(pk), where)
        if not self.problems:
            self.bulk.write_photos()

    def restore_photo(self, entry, values, photo, where):
        uploaded_by = self.user(entry.get("uploaded_by"))
        if photo is None and not entry.get("placeholder") and self.files_in_place(values):
            return self.bulk.add_photo(values, uploaded_by)
        photo = photo or Photo()
        changed = set_fields(photo, {**values, "uploaded_by": uploaded_by})
        if not photo.image and entry.get("placeholder"):
            photo.image = drawn_placeholder(values, entry["placeholder"])
            changed = True
        elif photo.image:
            # The renditions already stored stay as they are; only missing ones are made from the image.
            photo.adopt_stored_files(default_storage)
        if not changed:
            self.report.count("photo", "unchanged")
            return photo
        try:
            action = save_exactly(photo, values)  # makes the renditions from the stored file, if it must
        except (OSError, ValueError) as error:
            self.problem(where, f"image: the file {photo.image.name} cannot be read as an image ({error}).")
            return None
        self.report.count("photo", action)
        return photo

    def restore_page(self, entry, where):
        values, where = self.section_values(entry, parent=None, level=0, where=where)
        if values is None:
            return None
        if Section.objects.pages().filter(slug=values["slug"]).exists():
            return self.restore_section(entry, values, parent=None, page=None, level=0, where=where)
        return self.bulk.add_page(entry, values, where)

    def restore_section(self, entry, values, parent, page, level, where):
        if parent is None:
            section = Section.objects.pages().filter(slug=values["slug"]).first()
        else:
            section = Section.objects.filter(page=page, slug=values["slug"]).first()
        if section is None:
            section = Section(**values)
            if parent is None:
                section = Section.objects.add_root(instance=section)
            else:
                section = Section.objects.add_child(fresh(parent), instance=section)
            store_exactly(section, values)
            action = "created"
        else:
            if parent is not None and not fresh(section).path.startswith(fresh(parent).path):
                Section.objects.move(fresh(section), fresh(parent), "last-child")
            section = fresh(section)
            action = save_exactly(section, values) if set_fields(section, values) else "unchanged"
        self.report.count("page" if parent is None else "section", action)
        self.report.tree.append(f"{'  ' * level}{section.title}  [{action}]")
        page = page or section

        for placement in items(entry, "photos"):
            self.restore_placement(placement, where, section=section)
        existing_links = {link.url: link for link in RelatedLink.objects.filter(section=section)}
        for number, link_entry in enumerate(items(entry, "links"), start=1):
            link_values = self.checked(RelatedLink, link_entry, f"{where}, link {number}", exclude=["section"])
            if link_values is None:
                continue
            link = existing_links.get(link_values["url"]) or RelatedLink(section=section)
            action = "updated" if link.pk else "created"
            if set_fields(link, link_values) or not link.pk:
                link.save()
            else:
                action = "unchanged"
            self.report.count("link", action)
        for number, event_entry in enumerate(items(entry, "events"), start=1):
            self.restore_event(event_entry, section=section, where=f"{where}, event {number}")
        children = []
        for number, child in enumerate(items(entry, "children"), start=1):
            child_values, child_where = self.section_values(child, section, level + 1, f"{where}, section {number}")
            if child_values is not None:
                children.append(self.restore_section(child, child_values, section, page, level + 1, child_where))
        keep_order(section, [child.pk for child in children])
        return section

    def restore_placement(self, entry, where, section=None, event=None):
        placed = self.placed_photo(entry, where)
        if placed is None:
            return
        photo, position = placed
        placement, created = PhotoPlacement.objects.get_or_create(
            photo=photo, section=section, event=event, defaults={"position": position}
        )
        action = "created" if created else "unchanged"
        if placement.position != position:
            placement.position = position
            placement.save(update_fields=["position"])
            action = "updated"
        self.report.count("placement", action)

    def restore_event(self, entry, section, where, values=None):
        """``values``: the entry's, if already checked (an event of a new page, collected in bulk)."""
        if values is None:
            values = self.checked(Event, entry, where, exclude=["section"])
            if values is None:
                return
        event = Event.objects.filter(slug=values["slug"]).first()
        event = event or Event()
        changed = set_fields(event, {**values, "section": section})
        self.report.count("event", save_exactly(event, values) if changed else "unchanged")
        for placement in items(entry, "photos"):
            self.restore_placement(placement, f"{where} (“{event.slug}”)", event=event)

    def restore_site_settings(self, entry):
        values = self.checked(SiteSettings, entry, "site settings", exclude=["home_page"])
        if values is None:
            return
        settings = SiteSettings.load()
        values.pop("id", None)
        for name, value in values.items():
            setattr(settings, name, value)
        home = entry.get("home_page")
        settings.home_page = self.page_named(home, "site settings, home page") if home else None
        settings.save()
        # The footer is replaced as a whole: its rows have no natural key of their own.
        settings.phone_lines.all().delete()
        for number, line in enumerate(items(entry, "phone_lines"), start=1):
            line_values = self.checked(PhoneLine, line, f"site settings, phone line {number}", ["site_settings"])
            if line_values is not None:
                PhoneLine.objects.create(site_settings=settings, **line_values)
        settings.footer_links.all().delete()
        for number, link in enumerate(items(entry, "footer_links"), start=1):
            where = f"site settings, footer link {number}"
            link_values = self.checked(FooterLink, link, where, exclude=["site_settings", "page"])
            page = self.page_named(link.get("page"), where)
            if link_values is not None and page is not None:
                FooterLink.objects.create(site_settings=settings, page=page, **link_values)
        self.report.count("site settings", "updated")


def drawn_placeholder(values, kind):
    """A placeholder image for a photograph the document names but cannot carry, checked like an upload."""
    if kind not in PLACEHOLDER_KINDS:
        raise ValueError(f"unknown placeholder {kind!r} (known: {', '.join(PLACEHOLDER_KINDS)})")
    name = values.get("original_filename") or "placeholder.png"
    drawn = ContentFile(placeholder_png(values.get("caption", ""), kind), name=name)
    return PhotoFileField().clean(drawn)


@transaction.atomic
def restore_site(data):
    return SiteRestorer().restore(data)
