"""Load the demo content: the embassy's February 2009 overview, retold, with placeholder photographs."""

import reversion
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction

from events.models import Event
from photos.forms import PhotoFileField
from photos.models import Photo, PhotoPlacement
from photos.placeholders import placeholder_png
from photos.storage import keep_files_only_on_commit
from publishing.models import Status
from sections import demo_content
from sections.models import RelatedLink, Section
from sitewide.models import FooterLink, PhoneLine, SiteSettings

SECTION_FIELDS = ("title", "summary", "body")
PAGE_FIELDS = ("publisher", "dated", "date_precision")
EVENT_FIELDS = (
    "title", "starts_on", "date_precision", "start_time", "ends_on", "location", "participants", "summary", "body",
)  # fmt: skip


class Command(BaseCommand):
    help = "Fill the database with the demo content. Running it again creates nothing new."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the site already has any page or section."
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Section.objects.exists():
            self.stdout.write("The site already has content; demo content not loaded.")
            return
        self.created = 0
        # Files are written as photographs are saved; if loading fails and rolls back, they go too.
        with keep_files_only_on_commit(), transaction.atomic(), reversion.create_revision():
            reversion.set_comment("Demo content loaded.")
            self.photos = {}
            overview = self.load_page(demo_content.PAGE, show_in_navigation=True)
            legal_pages = {page["slug"]: self.load_page(page) for page in demo_content.LEGAL_PAGES}
            self.load_site_settings(demo_content.SITE_SETTINGS, overview, legal_pages)
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {self.created} new records."))

    def count(self, created):
        self.created += int(created)

    def load_page(self, data, show_in_navigation=False):
        page = Section.objects.pages().filter(slug=data["slug"]).first()
        if page is None:
            page = Section(
                slug=data["slug"],
                show_in_navigation=show_in_navigation,
                status=Status.PUBLISHED,
                **self.pick(data, SECTION_FIELDS + PAGE_FIELDS),
            )
            page = Section.objects.add_root(instance=page)
            self.count(True)
        self.load_contents(page, page, data)
        return page

    def load_section(self, page, parent, data):
        section = Section.objects.filter(page=page, slug=data["slug"]).first()
        if section is None:
            section = Section(slug=data["slug"], status=Status.PUBLISHED, **self.pick(data, SECTION_FIELDS))
            section = Section.objects.add_child(parent, instance=section)
            self.count(True)
        self.load_contents(page, section, data)

    def load_contents(self, page, section, data):
        for position, photo_data in enumerate(data["photos"]):
            photo = self.load_photo(photo_data)
            _, created = PhotoPlacement.objects.get_or_create(
                photo=photo, section=section, defaults={"position": position}
            )
            self.count(created)
        for position, link in enumerate(data["links"]):
            _, created = RelatedLink.objects.get_or_create(
                section=section, url=link["url"], defaults={"title": link["title"], "position": position}
            )
            self.count(created)
        for event_data in data["events"]:
            self.load_event(section, event_data)
        for child in data["children"]:
            self.load_section(page, section, child)

    def load_photo(self, data):
        filename = f"demo-{data['key']}.png"
        photo = Photo.objects.filter(original_filename=filename).first()
        if photo is None:
            photo = Photo(
                original_filename=filename,
                caption=data["caption"],
                credit=data["credit"],
                alt_text=data["alt"],
                taken_on=data.get("taken_on"),
                is_placeholder=True,
                status=Status.PUBLISHED,
            )
            # The same path as an upload: checked and re-encoded, then stored with its renditions on save.
            drawn = ContentFile(placeholder_png(data["caption"], data.get("kind", "photo")), name=filename)
            photo.image = PhotoFileField().clean(drawn)
            photo.save()
            self.count(True)
        self.photos[data["key"]] = photo
        return photo

    def load_event(self, section, data):
        event, created = Event.objects.get_or_create(
            slug=data["key"],
            defaults={"section": section, "status": Status.PUBLISHED, **self.pick(data, EVENT_FIELDS)},
        )
        self.count(created)
        for position, key in enumerate(data.get("photos", [])):
            _, created = PhotoPlacement.objects.get_or_create(
                photo=self.photos[key], event=event, defaults={"position": position}
            )
            self.count(created)

    def load_site_settings(self, data, home_page, legal_pages):
        settings = SiteSettings.load()
        if not settings.address:
            settings.embassy_name = data["embassy_name"]
            settings.address = data["address"]
            settings.copyright_line = data["copyright_line"]
            settings.home_page = home_page
            settings.save()
        for position, line in enumerate(data["phone_lines"]):
            _, created = PhoneLine.objects.get_or_create(
                site_settings=settings,
                label=line["label"],
                defaults={"telephone": line["telephone"], "fax": line["fax"], "position": position},
            )
            self.count(created)
        for position, slug in enumerate(data["footer_links"]):
            _, created = FooterLink.objects.get_or_create(
                site_settings=settings, page=legal_pages[slug], defaults={"position": position}
            )
            self.count(created)

    @staticmethod
    def pick(data, fields):
        return {field: data[field] for field in fields if field in data}
