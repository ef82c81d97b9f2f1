"""The publishing operations that the admin, its actions and the commands share."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from publishing import services
from publishing.models import ChangeNote, Status
from tests.factories import make_event, make_page, make_photo, make_section, place_photo

pytestmark = pytest.mark.django_db


def test_publishing_refuses_what_the_gate_refuses_and_changes_nothing():
    page = make_page(status=Status.DRAFT)
    section = make_section(page, status=Status.DRAFT, body="# A heading at the page's own level")
    with pytest.raises(services.NotReadyToPublish) as refusal:
        services.publish(section)
    assert "is level 1" in " ".join(refusal.value.messages)
    section.refresh_from_db()
    assert section.status == Status.DRAFT


def test_a_placed_photograph_without_alt_text_stops_the_publication():
    section = make_section(make_page(), status=Status.DRAFT)
    place_photo(make_photo(alt_text=""), section=section)
    with pytest.raises(services.NotReadyToPublish, match="no alt text"):
        services.publish(section)


def test_an_editor_cannot_publish_but_can_submit_for_review(editor):
    section = make_section(make_page(), status=Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.publish(section, editor)
    assert services.submit_for_review(section, editor)
    section.refresh_from_db()
    assert section.status == Status.REVIEW


def test_publishing_with_a_note_writes_the_pages_public_history(publisher):
    page = make_page()
    event = make_event(section=make_section(page), status=Status.DRAFT)
    assert services.publish(event, publisher, note="Added the summit.")
    assert list(ChangeNote.objects.values_list("page", "note", "author")) == [
        (page.pk, "Added the summit.", publisher.pk)
    ]


def test_publishing_sets_a_review_date_a_year_after_the_scheduled_start():
    start = timezone.make_aware(datetime.datetime(2031, 2, 28, 9, 0))
    page = make_page(status=Status.DRAFT, publish_at=start)
    services.publish(page)
    page.refresh_from_db()
    assert page.review_by == datetime.date(2032, 2, 28)


def test_unpublishing_takes_it_off_the_site():
    page = make_page()
    assert services.unpublish(page)
    assert not services.unpublish(page)  # already a draft
    assert page.status == Status.DRAFT
