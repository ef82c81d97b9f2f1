"""Documents in the site's own JSON format that name placeholder photographs, as the demo content does."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from photos.models import Photo, PhotoPlacement
from sections.models import Section

pytestmark = pytest.mark.django_db


def document(*placeholders):
    photos = [
        {
            "key": f"photo-{n}",
            "caption": f"Chart {n}",
            "credit": "Photo: Embassy of Japan",
            "alt_text": f"A pie chart ({n})",
            "original_filename": f"chart-{n}.png",
            "is_placeholder": True,
            "status": "published",
            "placeholder": kind,
        }
        for n, kind in enumerate(placeholders, start=1)
    ]
    page = {
        "title": "Figures",
        "slug": "figures",
        "status": "published",
        "photos": [{"photo": photo["key"], "position": n} for n, photo in enumerate(photos)],
        "children": [],
    }
    return {"format": "embassy-site-export", "version": 1, "photos": photos, "pages": [page]}


def write(tmp_path, data):
    path = tmp_path / "site.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run_import(path, *args):
    out = io.StringIO()
    call_command("import_document", str(path), *args, stdout=out)
    return out.getvalue()


def files_in(folder):
    return sorted(path.name for path in folder.rglob("*") if path.is_file())


def test_a_named_placeholder_is_drawn_once_and_shown(tmp_path, isolated_media, client):
    path = write(tmp_path, document("chart", "photo"))
    run_import(path)
    chart = Photo.objects.get(caption="Chart 1")
    assert (chart.width, chart.height) == (1200, 800) and chart.renditions
    assert set(Photo.objects.public()) == set(Photo.objects.all())
    assert client.get("/figures/").content.decode().count("<figure") == 2

    drawn = {photo.pk: photo.file_names() for photo in Photo.objects.all()}
    output = run_import(path)
    assert {photo.pk: photo.file_names() for photo in Photo.objects.all()} == drawn
    assert PhotoPlacement.objects.count() == 2
    assert "photos: 0 new, 0 updated, 2 unchanged" in output


@pytest.mark.django_db(transaction=True)  # real commits and rollbacks: what decides whether a file stays
def test_an_unknown_placeholder_is_refused_and_leaves_nothing_behind(tmp_path, isolated_media):
    # The first photograph is drawn (its files written) before the second one fails.
    path = write(tmp_path, document("photo", "sketch"))
    with pytest.raises(CommandError, match="unknown placeholder 'sketch'"):
        run_import(path)
    assert not Photo.objects.exists() and not Section.objects.exists()
    assert files_in(isolated_media) == []


@pytest.mark.django_db(transaction=True)  # real commits and rollbacks: what decides whether a file stays
def test_a_dry_run_draws_nothing_that_stays(tmp_path, isolated_media):
    output = run_import(write(tmp_path, document("photo")), "--dry-run")
    assert "photos: 1 new" in output and "Dry run: nothing was saved." in output
    assert not Photo.objects.exists()
    assert files_in(isolated_media) == []


def test_the_demo_document_imports_like_any_export(db):
    from contentops.management.commands.load_demo import DEMO_DOCUMENT

    output = run_import(DEMO_DOCUMENT)
    assert "pages: 4 new" in output and "photos: 5 new" in output
    assert Section.objects.pages().filter(slug="overview-of-japan-us-relations").exists()
    assert all(photo.image and photo.is_placeholder for photo in Photo.objects.all())


def test_pages_written_in_bulk_get_the_review_date_a_save_would_give(demo_site):
    from django.utils import timezone

    from publishing.services import one_year_after

    # The demo document gives no review dates: as for any imported published page, each is due in a year.
    assert set(Section.objects.values_list("review_by", flat=True)) == {one_year_after(timezone.localdate())}
