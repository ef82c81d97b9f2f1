"""Exporting pages (Markdown, JSON) and the whole site (JSON), and loading that JSON back exactly."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import models
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from photos.models import Photo, PhotoPlacement
from publishing.models import Status
from sections.models import RelatedLink, Section
from sitewide.models import FooterLink, PhoneLine, SiteSettings
from tests.factories import make_event, make_link, make_page, make_photo, make_section, place_photo
from tests.html import parse

pytestmark = pytest.mark.django_db

OVERVIEW = "overview-of-japan-us-relations"
CONTENT_MODELS = [Section, RelatedLink, Photo, PhotoPlacement, Event, PhoneLine, FooterLink, SiteSettings]


def export(*args):
    out = io.StringIO()
    call_command("export_page", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def natural_key(instance):
    """How a row is known without its database id."""
    if instance is None:
        return None
    if isinstance(instance, Section):
        return ("section", instance.path, instance.slug)
    if isinstance(instance, Event):
        return ("event", instance.slug)
    if isinstance(instance, Photo):
        return ("photo", instance.image.name, instance.caption, instance.original_filename)
    if isinstance(instance, RelatedLink):
        return ("link", natural_key(instance.section), instance.url)
    if isinstance(instance, SiteSettings):
        return ("site settings",)
    return (type(instance).__name__, instance.get_username())


def rows(model):
    """Every stored column of every row, field by field; foreign keys by the natural key of their target."""
    result = []
    for instance in model.objects.order_by(*[f.name for f in model._meta.concrete_fields if not f.primary_key]):
        row = {}
        for field in model._meta.concrete_fields:
            if field.primary_key:
                continue
            if isinstance(field, models.ForeignKey):
                row[field.name] = natural_key(getattr(instance, field.name))
            elif isinstance(field, models.FileField):
                row[field.name] = getattr(instance, field.name).name
            elif getattr(field, "translated_field", None) is not None:
                # A language's column left empty is NULL or "" (never set, or set empty): both mean "not written".
                row[field.name] = getattr(instance, field.name) or ""
            else:
                row[field.name] = getattr(instance, field.name)
        result.append(row)
    return result


@pytest.fixture
def rich_site(demo_site, staff_user):
    """The demo content plus the cases the demo lacks: drafts, schedules, an unplaced event, a photo without image."""
    page = Section.objects.get(depth=1, slug=OVERVIEW)
    later = timezone.now() + datetime.timedelta(days=3)
    draft = make_section(page, title="Draft section", slug="draft-section", status=Status.DRAFT, body="*Soon*.",
                         title_ja="下書きの章", body_ja="*近日*公開。")  # fmt: skip
    scheduled = make_section(draft, title="Scheduled", slug="scheduled", publish_at=later, summary="Later.")
    make_link(scheduled, title="A link", url="https://example.org/a", position=3)
    waiting = Photo.objects.create(caption="Waiting for its image", credit="Photo: Archive", status=Status.DRAFT)
    place_photo(waiting, section=scheduled, position=1)
    expires = datetime.date(2030, 1, 1)
    uploaded = make_photo(caption="Uploaded by staff", uploaded_by=staff_user, rights_expire_on=expires,
                          caption_ja="職員が掲載", alt_text_ja="写真の説明")  # fmt: skip
    place_photo(uploaded, section=draft)
    orphan = make_event(title="Event without a section", slug="orphan", body="See [this](https://example.org/e).",
                        title_ja="章のない行事", location_ja="東京")  # fmt: skip
    place_photo(uploaded, event=orphan)
    Section.objects.filter(pk=page.pk).update(review_by=datetime.date(2020, 5, 1))
    return page


def test_whole_site_json_round_trips_exactly(rich_site, tmp_path):
    before = {model.__name__: rows(model) for model in CONTENT_MODELS}
    first = tmp_path / "site.json"
    call_command("export_page", "--all", "--format", "json", "--output", str(first), stderr=io.StringIO())

    for model in [FooterLink, PhoneLine, SiteSettings, PhotoPlacement, RelatedLink, Event, Section, Photo]:
        model.objects.all().delete()
    assert all(model.objects.count() == 0 for model in CONTENT_MODELS)

    call_command("import_document", str(first), stdout=io.StringIO())
    second = tmp_path / "again.json"
    call_command("export_page", "--all", "--format", "json", "--output", str(second), stderr=io.StringIO())

    exported, again = json.loads(first.read_text()), json.loads(second.read_text())
    exported.pop("exported_at"), again.pop("exported_at")
    assert again == exported
    after = {model.__name__: rows(model) for model in CONTENT_MODELS}
    for name, expected in before.items():
        assert after[name] == expected, name
    assert Section.objects.find_problems() == ([], [], [], [], [])


def test_site_export_carries_every_kind_of_content(rich_site):
    data = json.loads(export("--all", "--format", "json"))
    overview = next(page for page in data["pages"] if page["slug"] == OVERVIEW)
    assert [child["title"] for child in overview["children"]][-1] == "Draft section"
    current = overview["children"][0]
    assert current["links"][0]["url"] == "http://www.mofa.go.jp/announce/announce/2007/6/1174181_828.html"
    assert current["events"][0]["slug"] == "san-francisco-peace-treaty-1951"
    photo_key = current["photos"][0]["photo"]
    photo = next(entry for entry in data["photos"] if entry["key"] == photo_key)
    assert (photo["caption"], photo["credit"]) == (
        "The Signing of the San Francisco Peace Treaty",
        "Bettmann/CORBIS/Corbis Japan",
    )
    assert [event["slug"] for event in data["events_without_section"]] == ["orphan"]
    assert data["site_settings"]["home_page"] == OVERVIEW
    assert "id" not in overview and "path" not in overview and "body_html" not in overview


def test_importing_an_export_again_updates_in_place(rich_site, tmp_path):
    path = tmp_path / "site.json"
    path.write_text(export("--all", "--format", "json"))
    counts = [model.objects.count() for model in CONTENT_MODELS]
    Section.objects.filter(slug="bmd").update(title="Changed by someone")
    call_command("import_document", str(path), stdout=io.StringIO())
    assert [model.objects.count() for model in CONTENT_MODELS] == counts
    assert Section.objects.get(slug="bmd").title == "Ballistic Missile Defense (BMD)"


def test_a_photo_whose_file_is_gone_comes_back_as_image_missing(rich_site, tmp_path):
    path = tmp_path / "site.json"
    path.write_text(export("--all", "--format", "json"))
    photo = Photo.objects.get(caption="Uploaded by staff")
    photo.image.storage.delete(photo.image.name)
    Photo.objects.all().delete()
    output = io.StringIO()
    call_command("import_document", str(path), stdout=output)
    restored = Photo.objects.get(caption="Uploaded by staff")
    assert not restored.image and (restored.width, restored.height) == (0, 0)
    assert "is missing: image missing" in output.getvalue()
    assert restored not in Photo.objects.public()


def test_one_page_as_json(rich_site):
    data = json.loads(export(OVERVIEW, "--format", "json"))
    assert [page["slug"] for page in data["pages"]] == [OVERVIEW]
    assert "site_settings" not in data
    assert {entry["caption"] for entry in data["photos"]} >= {"Waiting for its image", "Uploaded by staff"}


def test_page_as_markdown_for_staff_includes_drafts_and_photos_waiting_for_images(rich_site):
    text = export(OVERVIEW)
    assert text.startswith("# Overview of Japan-U.S. Relations\n\nEmbassy of Japan\n\nFebruary 2009\n")
    assert "\n## 1. Current State of Japan-U.S. Relations\n" in text
    assert "\n### (3) Ballistic Missile Defense (BMD)\n" in text
    assert "* [Ministry of Defense](http://www.mod.go.jp/e/index_.htm)" in text
    assert "The Signing of the San Francisco Peace Treaty  \nBettmann/CORBIS/Corbis Japan" in text
    assert "* September 8, 1951: **San Francisco Peace Treaty signed** — " in text
    assert "## 5. Draft section" in text and "### (1) Scheduled" in text
    assert "![]()\n\nWaiting for its image  \nPhoto: Archive" in text

    public = export(OVERVIEW, "--public")
    assert "Draft section" not in public and "Waiting for its image" not in public


def test_exported_markdown_imports_back_into_the_same_tree(rich_site, tmp_path):
    path = tmp_path / "overview.md"
    call_command("export_page", OVERVIEW, "--public", "--output", str(path), stderr=io.StringIO())
    call_command("import_document", str(path), "--page", "copy", stdout=io.StringIO())

    def outline(page):
        return [
            (
                section.depth,
                section.title,
                list(section.related_links.values_list("url", flat=True)),
                sorted(PhotoPlacement.objects.filter(section=section).values_list("photo__credit", flat=True)),
            )
            for section in Section.objects.filter(page=page).order_by("path")
        ]

    original, copy = Section.objects.get(slug=OVERVIEW), Section.objects.get(slug="copy")
    assert outline(copy) == [row for row in outline(original) if row[1] not in ("Draft section", "Scheduled")]
    security_overview = Section.objects.filter(page=copy, title="Overview").order_by("path").first()
    assert security_overview.body.startswith("Security ties rest on")
    assert Event.objects.filter(section__page=copy).count() == Event.objects.filter(section__page=original).count()


def test_export_errors(db, tmp_path):
    with pytest.raises(CommandError, match="No page"):
        export("missing")
    with pytest.raises(CommandError, match="one page's slug, or use --all"):
        export()
    with pytest.raises(CommandError, match="--format json"):
        export("--all")
    make_page(slug="a-page")
    target = tmp_path / "exports"
    target.mkdir()
    with pytest.raises(CommandError, match="Cannot write"):
        export("a-page", "--output", str(target / "no-such-folder" / "page.md"))
    assert list(target.iterdir()) == []


# --------------------------------------------------------------------------------------------------
# The public download
# --------------------------------------------------------------------------------------------------


def test_public_page_offers_its_markdown(rich_site, client):
    soup = parse(client.get(f"/{OVERVIEW}/"))
    link = soup.find("a", string="Download as Markdown")
    assert link["href"] == f"/{OVERVIEW}.md"

    response = client.get(link["href"])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{OVERVIEW}.md"'
    text = response.content.decode()
    assert text.startswith("# Overview of Japan-U.S. Relations\n")
    assert "## 4. Japan-U.S. Cooperation on Global Issues" in text
    assert "](http://testserver/media/photos/" in text  # images by their full address
    assert "**[San Francisco Peace Treaty signed](http://testserver/events/san-francisco-peace-treaty-1951/)**" in text
    # Only what the page shows: no drafts, nothing scheduled, no photograph waiting for its image.
    assert "Draft section" not in text and "Scheduled" not in text and "Waiting for its image" not in text


def test_download_follows_the_pages_visibility(db, client):
    draft = make_page(title="Not yet", slug="not-yet", status=Status.DRAFT)
    assert client.get(reverse("contentops:page_markdown", kwargs={"slug": draft.slug})).status_code == 404
    assert client.get("/no-such-page.md").status_code == 404
    hidden = make_page(slug="hidden", unpublish_at=timezone.now() - datetime.timedelta(hours=1))
    assert client.get(f"/{hidden.slug}.md").status_code == 404


def test_download_escapes_nothing_into_html(db, client):
    page = make_page(title="Plain <b>title</b>", slug="plain")
    make_section(page, title="A *starred* section", body="Text with <script>alert(1)</script> in it.")
    response = client.get("/plain.md")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/markdown")
    assert "# Plain \\<b>title\\</b>" in text and "## 1. A \\*starred\\* section" in text
