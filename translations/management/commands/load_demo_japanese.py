"""Add the Japanese edition of the demo content (contentops/demo/site-ja.json) to the demo site.

The Japanese text was written for this site from the English demo's facts. Every translated section is
recorded as up to date with its English, except section 3 and one subsection, which are recorded against
an older English text (their last paragraph had not been written yet), so that the translators' workflow
shows out-of-date sections on a fresh ``make run``.
"""

import json
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from events.models import Event
from photos.models import Photo
from sections.models import RelatedLink, Section
from sitewide.models import SiteSettings

from ...status import english_of, mark_up_to_date, refresh_english_update

DOCUMENT = Path(settings.BASE_DIR) / "contentops" / "demo" / "site-ja.json"
LANGUAGE = "ja"
OVERVIEW = "overview-of-japan-us-relations"
# Section 3 and a subsection of section 4, left out of date on purpose.
LEFT_OUT_OF_DATE = {f"{OVERVIEW}/economic", f"{OVERVIEW}/terrorism"}


def without_its_ending(body):
    """The body as it was before its last paragraph (or, for one paragraph, its last sentence) was written."""
    paragraphs = body.rsplit("\n\n", 1)
    if len(paragraphs) == 2:
        return paragraphs[0]
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", body.strip())
    return " ".join(sentences[:-1])


def fill(item, fields):
    for name, value in fields.items():
        setattr(item, f"{name}_{LANGUAGE}", value)
    item.save()


class Command(BaseCommand):
    help = "Add the Japanese edition to the demo content. Sections already translated are left as they are."

    def handle(self, *args, **options):
        if not Section.objects.filter(depth=1, slug=OVERVIEW).exists():
            self.stdout.write("The demo content is not loaded (`manage.py load_demo`): nothing to translate.")
            return
        document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
        with transaction.atomic():
            counts = self.load(document)
        self.stdout.write(self.style.SUCCESS("Japanese edition loaded: " + ", ".join(
            f"{number} {what}" for what, number in counts.items())))  # fmt: skip

    def load(self, document):
        counts = {"sections": 0, "events": 0, "photographs": 0, "links": 0}
        pages = {page.slug: page for page in Section.objects.filter(depth=1)}
        items = [(slug, pages.get(slug), fields) for slug, fields in document["pages"].items()]
        for key, fields in document["sections"].items():
            page_slug, _, slug = key.partition("/")
            page = pages.get(page_slug)
            items.append((key, page and Section.objects.filter(page=page, slug=slug).first(), fields))
        for key, section, fields in items:
            if section is None or section.title_ja:
                continue
            fill(section, fields)
            record = mark_up_to_date(section, LANGUAGE)
            if key in LEFT_OUT_OF_DATE:
                older = english_of(section)
                older["body"] = without_its_ending(older["body"])
                record.source = older
                record.save(update_fields=["source"])
            counts["sections"] += 1
        # The overview says when its English is newer than its Japanese (two sections are, on purpose).
        for page in pages.values():
            if page.slug == OVERVIEW:
                Section.objects.filter(pk=page.pk).update(english_update_notice=True)
                page.english_update_notice = True
            refresh_english_update(page, LANGUAGE)
        for slug, fields in document["events"].items():
            event = Event.objects.filter(slug=slug).first()
            if event is not None and not event.title_ja:
                fill(event, fields)
                counts["events"] += 1
        captions = {photo.caption_en: photo for photo in Photo.objects.all()}
        english = json.loads((DOCUMENT.parent / "site.json").read_text(encoding="utf-8"))
        for photo in english["photos"]:
            target = captions.get(photo["caption"])
            fields = document["photos"].get(photo["key"])
            if target is not None and fields and not target.caption_ja:
                fill(target, fields)
                counts["photographs"] += 1
        for url, title in document["links"].items():
            for link in RelatedLink.objects.filter(url=url):
                if not link.title_ja:
                    fill(link, {"title": title})  # saved one by one: the cached pages follow
                    counts["links"] += 1
        self.load_site_settings(document["site_settings"])
        return counts

    def load_site_settings(self, texts):
        site = SiteSettings.load()
        for name in ("embassy_name", "address", "copyright_line"):
            setattr(site, f"{name}_{LANGUAGE}", texts[name])
        site.save()
        for line in site.phone_lines.all():
            if line.label_en in texts["phone_lines"]:
                line.label_ja = texts["phone_lines"][line.label_en]
                line.save()
        for link in site.footer_links.select_related("page"):
            label = texts["footer_links"].get(link.label_en) or texts["footer_links"].get(link.page.slug)
            if label:
                link.label_ja = label
                link.save()
