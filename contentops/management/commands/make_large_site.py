"""Generate a large site for measurement: many pages, sections, photographs, events and related links.

The site is written as a document in the site's own JSON format (contentops/sitejson.py), built in
memory, and loaded by the importer, the same way as the demo content and any other export; new pages
go into the database in bulk (contentops/bulk.py).

Photographs: one real photograph is saved the normal way (image cleaned, renditions written); every
other generated photograph names the same image and a copy of its renditions. Deleting one of them
leaves the shared files in place, because a photograph's files are only deleted when no other
photograph uses the same image (photos/signals.py).
"""

import datetime
import itertools

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from contentops.sitejson import FORMAT, VERSION, restore_site
from photos.models import Photo
from photos.placeholders import placeholder_png
from photos.storage import keep_files_only_on_commit
from publishing.models import Status
from sections.models import Section

SECTION_BODY = """The two governments met again to review the **alliance** and the economic partnership.

- Security consultations under the treaty
- Trade, investment and the global economy
- Climate change and energy

Officials agreed to continue the dialogue at the working level and to report to ministers within the year."""

SECTION_BODY_JA = """両政府は再び会合し、**同盟**と経済関係を確認した。

- 条約に基づく安全保障協議
- 貿易・投資と世界経済
- 気候変動とエネルギー

実務レベルで対話を続け、年内に閣僚に報告することで一致した。"""

EVENT_BODY_JA = "外相らは同盟、地域の安全保障、世界経済について協議した。*共同声明が発表された。*"

EVENT_BODY = (
    "The ministers discussed the alliance, regional security and the global economy. *A joint statement followed.*"
)


class Command(BaseCommand):
    help = (
        "Add a large generated site (by default 50 pages of 30 sections, 5,000 photographs, 10,000 events and "
        "20,000 related links) for measurement, indexed for search as it is loaded. --scale makes it smaller or larger."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Multiply every count by this (default 1).")
        parser.add_argument("--pages", type=int, default=50)
        parser.add_argument("--sections", type=int, default=10, help="Top-level sections per page (default 10).")
        parser.add_argument("--subsections", type=int, default=2, help="Subsections per section (default 2).")
        parser.add_argument("--photos", type=int, default=5000)
        parser.add_argument("--events", type=int, default=10000)
        parser.add_argument("--links", type=int, default=20000)

    def handle(self, *args, scale, pages, sections, subsections, photos, events, links, **options):
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
            document = LargeSite(run, counts, sections, subsections).document(first_photo())
            restore_site(document)
        # Tens of thousands of new rows: the query planner's statistics (SQLite's and PostgreSQL's) are
        # brought up to date now, rather than when a connection next closes or autovacuum next passes.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        pages = document["pages"]
        section_count = sum(1 for page in pages for _ in LargeSite.sections_of(page))
        self.stdout.write(
            self.style.SUCCESS(
                f"Large site added: {len(pages)} pages, {section_count} sections, {counts['photos']} "
                f"photographs, {counts['events']} events, {counts['links']} related links."
            )
        )


def first_photo():
    photo = Photo(
        caption="Generated photograph 1",
        credit="Photo: Embassy of Japan",
        alt_text="A placeholder image of the embassy's colours",
        status=Status.PUBLISHED,
        licence="All rights reserved",
        is_placeholder=True,
        original_filename="large-site.png",
    )
    photo.image.save("large-site.png", ContentFile(placeholder_png("Large site")), save=False)
    photo.save()
    return photo


class LargeSite:
    """The generated site as a document: pages of sections and subsections, photographs, events and links."""

    def __init__(self, run, counts, sections, subsections):
        self.run, self.counts, self.sections, self.subsections = run, counts, sections, subsections

    def document(self, first):
        pages = [self.page(index) for index in range(self.counts["pages"])]
        sections = [section for page in pages for section in self.sections_of(page)]
        photos = self.photos(first)
        self.add_links(sections)
        events = self.add_events(sections)
        # One photograph in every third section, and one in every fifth event: the photographs go round.
        keys = itertools.cycle(photo["key"] for photo in photos)
        for entry in sections[::3] + events[::5]:
            entry["photos"].append({"photo": next(keys), "position": 0})
        return {"format": FORMAT, "version": VERSION, "photos": photos, "pages": pages}

    @staticmethod
    def sections_of(page):
        for section in page["children"]:
            yield section
            yield from section["children"]

    @staticmethod
    def node(title, slug, summary="", title_ja="", summary_ja="", **extra):
        return {
            "title": title, "slug": slug, "summary": summary, "body": SECTION_BODY, "status": Status.PUBLISHED,
            "title_ja": title_ja, "summary_ja": summary_ja, "body_ja": SECTION_BODY_JA,
            "photos": [], "links": [], "events": [], "children": [], **extra,
        }  # fmt: skip

    def page(self, index):
        number = self.run * self.counts["pages"] + index + 1
        title = f"Large page {number}"
        page = self.node(
            title,
            f"large-{self.run + 1}-{index + 1}",
            f"A generated page ({number}) for measuring the site at scale.",
            f"生成ページ {number}",
            f"規模の測定のために生成したページ（{number}）。",
            publisher="Embassy of Japan",
            show_in_navigation=False,
        )
        for s in range(1, self.sections + 1):
            section = self.node(
                f"{title}: section {s}",
                f"section-{s}",
                "A generated section.",
                f"生成ページ {number}：第{s}章",
                "生成した章。",
            )
            section["children"] = [
                self.node(f"{title}: section {s}.{t}", f"section-{s}-{t}", title_ja=f"生成ページ {number}：{s}.{t}")
                for t in range(1, self.subsections + 1)
            ]
            page["children"].append(section)
        return page

    def photos(self, first):
        shared = {
            "image": first.image.name, "width": first.width, "height": first.height, "renditions": first.renditions,
            "credit": first.credit, "alt_text": first.alt_text, "licence": first.licence,
            "credit_ja": "写真：在アメリカ合衆国日本国大使館", "alt_text_ja": "大使館の色で描いた仮の画像",
            "original_filename": first.original_filename, "is_placeholder": True, "status": Status.PUBLISHED,
        }  # fmt: skip
        return [{"key": "photo-1", **shared, "caption": first.caption}] + [
            {"key": f"photo-{n}", **shared, "caption": f"Generated photograph {n}", "caption_ja": f"生成写真 {n}"}
            for n in range(2, self.counts["photos"] + 1)
        ]

    def add_links(self, sections):
        cycle = itertools.cycle(sections)
        for n in range(self.counts["links"]):
            link = {"title": f"Related reading {n}", "url": f"https://www.example.org/reading/{n}/", "position": n}
            next(cycle)["links"].append(link)

    def add_events(self, sections):
        start = datetime.date(1960, 1, 19)
        cycle = itertools.cycle(sections)
        events = []
        for n in range(1, self.counts["events"] + 1):
            event = {
                "title": f"Generated meeting {n}",
                "slug": f"large-{self.run + 1}-event-{n}",
                "starts_on": (start + datetime.timedelta(days=n % 24000)).isoformat(),
                "location": "Washington, D.C.",
                "participants": "Foreign Minister, Secretary of State",
                "summary": "A generated event for measuring the site at scale.",
                "body": EVENT_BODY,
                "title_ja": f"生成した会合 {n}",
                "location_ja": "ワシントンD.C.",
                "participants_ja": "外務大臣、国務長官",
                "summary_ja": "規模の測定のために生成した行事。",
                "body_ja": EVENT_BODY_JA,
                "status": Status.PUBLISHED,
                "photos": [],
            }
            next(cycle)["events"].append(event)
            events.append(event)
        return events
