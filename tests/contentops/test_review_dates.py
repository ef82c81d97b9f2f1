"""Review dates: one year after publication unless an editor sets one; overdue ones greet editors on the admin home."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from photos.models import Photo
from publishing import services
from publishing.models import Status
from publishing.services import one_year_after
from sections.models import Section
from tests.factories import make_page, make_photo, make_section, place_photo
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def test_publishing_sets_the_review_date_one_year_ahead(db):
    page = make_page(status=Status.DRAFT)
    assert page.review_by is None
    services.publish(page)
    assert page.review_by == one_year_after(timezone.localdate())
    Section.objects.filter(pk=page.pk).update(review_by=datetime.date(2030, 1, 1))
    page.refresh_from_db()
    page.title = "Edited later"
    page.save()
    page.refresh_from_db()
    assert page.review_by == datetime.date(2030, 1, 1)  # once set, it is the editors' date


def test_a_scheduled_publication_counts_from_its_publish_time(db):
    publish_at = timezone.make_aware(datetime.datetime(2031, 6, 15, 9, 0))
    section = make_section(make_page(), status=Status.DRAFT, publish_at=publish_at)
    services.publish(section)
    assert section.review_by == datetime.date(2032, 6, 15)


def test_an_editors_date_is_kept_and_drafts_get_none(db):
    chosen = datetime.date(2027, 3, 1)
    page = make_page(status=Status.DRAFT, review_by=chosen)
    services.publish(page)
    assert page.review_by == chosen
    assert make_page(status=Status.DRAFT).review_by is None


def test_leap_day_reviews_fall_on_the_28th():
    assert one_year_after(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)


def test_migration_gives_published_sections_a_review_date(db):
    page = make_page()
    draft = make_section(page, status=Status.DRAFT)
    Section.objects.update(review_by=None)
    created = timezone.make_aware(datetime.datetime(2024, 5, 2, 12, 0))
    Section.objects.filter(pk=page.pk).update(created_at=created)
    migration = importlib.import_module("sections.migrations.0003_section_review_by_date")
    migration.fill_review_dates(django_apps, None)
    page.refresh_from_db(), draft.refresh_from_db()
    assert (page.review_by, draft.review_by) == (datetime.date(2025, 5, 2), None)


def test_admin_home_lists_overdue_pages_and_sections(staff_client):
    page = make_page(title="Old page", review_by=datetime.date(2020, 1, 1))
    make_section(page, title="Stale section", review_by=datetime.date(2021, 1, 1))
    make_section(page, title="Fresh section", review_by=timezone.localdate() + datetime.timedelta(days=10))
    panel = parse(staff_client.get(reverse("admin:index"))).select_one("#content-attention")
    assert "Overdue for review (2)" in text_of(panel)
    items = [text_of(item) for item in panel.select(".overdue-reviews li")]
    assert items[0].startswith("Old page page, review by Jan. 1, 2020")
    assert items[1].startswith("Stale section section of “Old page”")
    assert "Fresh section" not in text_of(panel)
    link = panel.select_one(".overdue-reviews a")
    assert link["href"] == reverse("admin:sections_section_change", args=[page.pk])


def test_section_list_filters_by_review(staff_client):
    page = make_page(title="Old page", review_by=datetime.date(2020, 1, 1))
    make_section(page, title="Due soon", review_by=timezone.localdate() + datetime.timedelta(days=5))
    make_section(page, title="Later", review_by=timezone.localdate() + datetime.timedelta(days=300))
    url = reverse("admin:sections_section_changelist")

    def titles(review):
        soup = parse(staff_client.get(url, {"review": review}))
        return [text_of(cell) for cell in soup.select(".field-numbered_title")]

    assert titles("overdue") == ["Old page (page)"]
    assert titles("soon") == ["1. Due soon"]


def test_review_date_is_edited_on_the_section_page(staff_client):
    page = make_page(title="A page", status=Status.DRAFT)
    services.publish(page)
    soup = parse(staff_client.get(reverse("admin:sections_section_change", args=[page.pk])))
    field = soup.select_one("input[name=review_by]")
    assert field is not None and field["value"] == one_year_after(timezone.localdate()).isoformat()


def test_photos_without_an_image_are_never_public(db, client):
    page = make_page(slug="with-photos")
    section = make_section(page, title="Pictured")
    shown = make_photo(caption="Has its image")
    waiting = Photo.objects.create(
        caption="Waits for its image", alt_text="Described", credit="Photo: Agency", status=Status.PUBLISHED
    )
    place_photo(shown, section=section)
    place_photo(waiting, section=section, position=1)
    assert list(Photo.objects.public()) == [shown]
    captions = [text_of(caption) for caption in parse(client.get("/with-photos/")).select("figcaption")]
    assert captions == ["Has its image Photo: Test Agency"]
