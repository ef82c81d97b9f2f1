"""Generate a large site for measurement: many pages, sections, photographs, events and related links.

Rows are written with ``bulk_create``; the tree paths are computed here the way
treebeard computes them (``Section._get_path``), with ``numchild`` filled in, so
the result is a valid materialised-path tree that treebeard can move and add to.

Photographs: one real photograph is saved the normal way (image cleaned, renditions
written); every other generated photograph is a row pointing at the same image
and a copy of its renditions JSON. Deleting one of them leaves the shared files
in place, because a photograph's files are only deleted when no other photograph
uses the same image (photos/signals.py).
"""

import datetime
import itertools

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from events.models import Event
from markup.markdown import render_markdown
from photos.models import Photo, PhotoPlacement
from photos.placeholders import placeholder_png
from photos.storage import keep_files_only_on_commit
from publishing.models import Status
from publishing.pagecache import content_changed
from sections.models import RelatedLink, Section

SECTION_BODY = """The two governments met again to review the **alliance** and the economic partnership.

- Security consultations under the treaty
- Trade, investment and the global economy
- Climate change and energy

Officials agreed to continue the dialogue at the working level and to report to ministers within the year."""

EVENT_BODY = (
    "The ministers discussed the alliance, regional security and the global economy. *A joint statement followed.*"
)

BATCH = 2000


class Command(BaseCommand):
    help = (
        "Add a large generated site (by default 50 pages of 30 sections, 5,000 photographs, 10,000 events and "
        "20,000 related links) for measurement, then rebuild the search index. --scale makes it smaller or larger."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Multiply every count by this (default 1).")
        parser.add_argument("--pages", type=int, default=50)
        parser.add_argument("--sections", type=int, default=10, help="Top-level sections per page (default 10).")
        parser.add_argument("--subsections", type=int, default=2, help="Subsections per section (default 2).")
        parser.add_argument("--photos", type=int, default=5000)
        parser.add_argument("--events", type=int, default=10000)
        parser.add_argument("--links", type=int, default=20000)
        parser.add_argument("--no-search-index", action="store_true", help="Skip rebuilding the search index.")

    def handle(self, *args, scale, pages, sections, subsections, photos, events, links, no_search_index, **options):
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        counts = {
            "pages": max(1, round(pages * scale)),
            "photos": max(1, round(photos * scale)),
            "events": max(1, round(events * scale)),
            "links": max(1, round(links * scale)),
        }
        with keep_files_only_on_commit(), transaction.atomic():
            run = Section.objects.filter(depth=1, slug__startswith="large-").count()
            page_rows, section_rows = self._make_tree(counts["pages"], sections, subsections, run)
            photo_rows = self._make_photos(counts["photos"])
            self._make_links(section_rows, counts["links"])
            event_rows = self._make_events(section_rows, counts["events"], run)
            self._place_photos(photo_rows, section_rows, event_rows)
            content_changed()
        # Tens of thousands of new rows: the query planner's statistics (SQLite's and PostgreSQL's) are
        # brought up to date now, rather than when a connection next closes or autovacuum next passes.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Large site added: {len(page_rows)} pages, {len(section_rows)} sections, {len(photo_rows)} "
                f"photographs, {len(event_rows)} events, {counts['links']} related links."
            )
        )
        if not no_search_index:
            call_command("rebuild_search_index", stdout=self.stdout)

    def _make_tree(self, page_count, sections, subsections, run):
        body_html = render_markdown(SECTION_BODY)
        now = timezone.now()
        common = dict(status=Status.PUBLISHED, body=SECTION_BODY, body_html=body_html, created_at=now, updated_at=now)
        last_root = Section.objects.get_last_root_node()
        first_root = (Section._str2int(last_root.path) + 1) if last_root else 1
        pages = []
        for index in range(page_count):
            number = run * page_count + index + 1
            pages.append(
                Section(
                    path=Section._get_path(None, 1, first_root + index),
                    depth=1,
                    numchild=sections,
                    title=f"Large page {number}",
                    slug=f"large-{run + 1}-{index + 1}",
                    summary=f"A generated page ({number}) for measuring the site at scale.",
                    publisher="Embassy of Japan",
                    show_in_navigation=False,
                    **common,
                )
            )
        Section.objects.bulk_create(pages, batch_size=BATCH)
        # bulk_create on SQLite and PostgreSQL returns primary keys; read them back by path to be sure on any database.
        pages = list(Section.objects.filter(path__in=[page.path for page in pages]).order_by("path"))
        children = []
        for page in pages:
            for s in range(1, sections + 1):
                path = Section._get_path(page.path, 2, s)
                children.append(
                    Section(
                        path=path,
                        depth=2,
                        numchild=subsections,
                        page=page,
                        title=f"{page.title}: section {s}",
                        slug=f"section-{s}",
                        summary="A generated section.",
                        **common,
                    )
                )
                for t in range(1, subsections + 1):
                    children.append(
                        Section(
                            path=Section._get_path(path, 3, t),
                            depth=3,
                            numchild=0,
                            page=page,
                            title=f"{page.title}: section {s}.{t}",
                            slug=f"section-{s}-{t}",
                            **common,
                        )
                    )
        Section.objects.bulk_create(children, batch_size=BATCH)
        page_ids = [page.pk for page in pages]
        section_rows = list(Section.objects.filter(page_id__in=page_ids).order_by("path").only("pk", "path"))
        return pages, section_rows

    def _make_photos(self, count):
        first = Photo(
            caption="Generated photograph 1",
            credit="Photo: Embassy of Japan",
            alt_text="A placeholder image of the embassy's colours",
            status=Status.PUBLISHED,
            licence="All rights reserved",
            is_placeholder=True,
        )
        first.image.save("large-site.png", ContentFile(placeholder_png("Large site")), save=False)
        first.save()
        now = timezone.now()
        rows = [
            Photo(
                image=first.image.name,
                width=first.width,
                height=first.height,
                renditions=first.renditions,
                caption=f"Generated photograph {n}",
                credit="Photo: Embassy of Japan",
                alt_text="A placeholder image of the embassy's colours",
                licence="All rights reserved",
                original_filename="large-site.png",
                is_placeholder=True,
                status=Status.PUBLISHED,
                created_at=now,
                updated_at=now,
            )
            for n in range(2, count + 1)
        ]
        Photo.objects.bulk_create(rows, batch_size=BATCH)
        return list(Photo.objects.filter(image=first.image.name).values_list("pk", flat=True))

    def _make_links(self, sections, count):
        cycle = itertools.cycle(sections)
        rows = [
            RelatedLink(
                section=next(cycle),
                title=f"Related reading {n}",
                url=f"https://www.example.org/reading/{n}/",
                position=n,
            )
            for n in range(count)
        ]
        RelatedLink.objects.bulk_create(rows, batch_size=BATCH)

    def _make_events(self, sections, count, run):
        body_html = render_markdown(EVENT_BODY)
        now = timezone.now()
        start = datetime.date(1960, 1, 19)
        cycle = itertools.cycle(sections)
        rows = [
            Event(
                title=f"Generated meeting {n}",
                slug=f"large-{run + 1}-event-{n}",
                section=next(cycle),
                starts_on=start + datetime.timedelta(days=n % 24000),
                location="Washington, D.C.",
                participants="Foreign Minister, Secretary of State",
                summary="A generated event for measuring the site at scale.",
                body=EVENT_BODY,
                body_html=body_html,
                status=Status.PUBLISHED,
                created_at=now,
                updated_at=now,
            )
            for n in range(1, count + 1)
        ]
        Event.objects.bulk_create(rows, batch_size=BATCH)
        return list(Event.objects.filter(slug__startswith=f"large-{run + 1}-event-").values_list("pk", flat=True))

    def _place_photos(self, photo_ids, sections, event_ids):
        # One photograph in every third section, and one in every fifth event: the photographs go round.
        photos = itertools.cycle(photo_ids)
        rows = [PhotoPlacement(photo_id=next(photos), section_id=s.pk) for s in sections[::3]]
        rows += [PhotoPlacement(photo_id=next(photos), event_id=pk) for pk in event_ids[::5]]
        PhotoPlacement.objects.bulk_create(rows, batch_size=BATCH)
