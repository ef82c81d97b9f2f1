"""The embassy's real 2009 page, imported, must give the tree the demo content was retold from.

The seed lives beside the repository (``../shared/seed/``, present in CI). ``EMBASSY_SEED_DIR`` points
elsewhere when the repository is checked out in another place.
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from events.models import Event
from photos.models import PhotoPlacement
from sections.models import RelatedLink, Section

pytestmark = pytest.mark.django_db

SEED_NAME = "overview-of-japan-us-relations-2009.txt"


def seed_dir():
    return Path(os.environ.get("EMBASSY_SEED_DIR") or Path(settings.BASE_DIR).parent / "shared" / "seed")


@pytest.fixture
def seed_file():
    folder = seed_dir()
    if not folder.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"The seed folder {folder} is missing: CI always has it, so its tests must run there.")
        pytest.skip(f"The seed folder {folder} is missing (it is present in CI).")
    path = folder / SEED_NAME
    assert path.is_file(), f"{folder} exists but has no {SEED_NAME}"
    return path


def shape(node):
    """Everything the seed and the demo content must agree on, for ``node`` and every section below it."""
    children = Section.objects.get_children(Section.objects.get(pk=node.pk))
    links = RelatedLink.objects.filter(section=node).order_by("position", "pk")
    return {
        "title": node.title,
        "links": list(links.values_list("url", flat=True)),
        "photos": [
            (placement.photo.caption, placement.photo.credit)
            for placement in PhotoPlacement.objects.filter(section=node).select_related("photo").order_by("position")
        ],
        "event_dates": sorted(Event.objects.filter(section=node).values_list("starts_on", flat=True)),
        "children": [shape(child) for child in children],
    }


def letters(text):
    return re.sub(r"[^a-z0-9]", "", text.lower())


def compare(imported, demo, seed_text, where="page"):
    assert imported["title"] == demo["title"], where
    where = f"{where} › {demo['title']}"
    assert imported["links"] == demo["links"], where
    assert len(imported["photos"]) == len(demo["photos"]), where
    for (caption, credit), (demo_caption, demo_credit) in zip(imported["photos"], demo["photos"], strict=True):
        # The demo retells captions with tidier punctuation ("2009, White House"); the words are the seed's.
        assert letters(caption) == letters(demo_caption), where
        if demo_credit in seed_text:
            assert credit == demo_credit, where
        else:
            assert credit == "", f"{where}: the seed gives no credit for “{caption}”"
    assert set(imported["event_dates"]) <= set(demo["event_dates"]), where
    assert len(imported["children"]) == len(demo["children"]), where
    for child, demo_child in zip(imported["children"], demo["children"], strict=True):
        compare(child, demo_child, seed_text, where)


def test_the_seed_builds_the_tree_of_the_demo_content(seed_file):
    call_command("load_demo", stdout=io.StringIO())
    output = io.StringIO()
    call_command("import_document", str(seed_file), "--page", "imported-overview", stdout=output)

    demo_page = Section.objects.get(depth=1, slug="overview-of-japan-us-relations")
    imported_page = Section.objects.get(depth=1, slug="imported-overview")
    assert (imported_page.publisher, imported_page.dated, imported_page.date_precision) == (
        demo_page.publisher,
        demo_page.dated,
        demo_page.date_precision,
    )
    imported, demo = shape(imported_page), shape(demo_page)
    compare(imported, demo, seed_file.read_text(encoding="utf-8"))
    # Counted once more in plain numbers, so a failure says what went missing.
    assert len(demo["children"]) == 4
    assert sum(len(section["children"]) for section in imported["children"]) == 12
    assert Event.objects.filter(section__page=imported_page, status="draft").count() == 2
    assert "sections: 16 new" in output.getvalue()


def test_the_seed_imports_once_however_often_it_is_imported(seed_file):
    call_command("import_document", str(seed_file), stdout=io.StringIO())
    rows = [model.objects.count() for model in (Section, RelatedLink, PhotoPlacement, Event)]
    call_command("import_document", str(seed_file), stdout=io.StringIO())
    assert [model.objects.count() for model in (Section, RelatedLink, PhotoPlacement, Event)] == rows
    assert rows == [17, 8, 5, 2]
