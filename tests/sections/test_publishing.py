"""Drafts, schedules, previews and share links: the public sees only what is published, at its time."""

import datetime
from datetime import timedelta

import pytest
import time_machine

from publishing.models import ChangeNote, Status
from sections.models import ShareLink
from tests.factories import make_event, make_link, make_page, make_photo, make_section, place_photo
from tests.html import parse, text_of
from tests.visibility import assert_nowhere_public, assert_somewhere_public

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)


def test_new_items_start_as_drafts():
    from events.models import Event
    from photos.models import Photo
    from sections.models import Section

    assert {Section().status, Event().status, Photo().status} == {Status.DRAFT}


def test_draft_section_is_hidden_from_every_public_surface(client):
    page = make_page(title="Overview", slug="overview", show_in_navigation=True)
    make_section(page, "Public section")
    draft = make_section(page, "Secret draft section", status=Status.DRAFT)
    make_section(draft, "Published child of the draft")
    make_event(draft, "Event under the draft")
    assert_somewhere_public(client, "Public section")
    assert_nowhere_public(client, "Secret draft section", "Published child of the draft")


def test_draft_page_is_missing_from_navigation_and_footer_and_404(client):
    make_page(title="Published page", slug="published", show_in_navigation=True)
    make_page(title="Draft page", slug="draft-page", show_in_navigation=True, status=Status.DRAFT)
    assert_nowhere_public(client, "Draft page")
    assert client.get("/draft-page/").status_code == 404


def test_section_awaiting_review_is_not_public(client):
    page = make_page(slug="overview")
    make_section(page, "Under review", status=Status.REVIEW)
    assert_nowhere_public(client, "Under review")


def test_draft_event_and_photo_are_hidden(client):
    page = make_page(slug="overview")
    section = make_section(page)
    event = make_event(section, "Draft summit", status=Status.DRAFT)
    place_photo(make_photo(caption="Draft photograph", credit="Draft credit line", status=Status.DRAFT),
                section=section)  # fmt: skip
    assert_nowhere_public(client, "Draft summit", "Draft photograph", "Draft credit line")
    assert client.get(event.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("offset", "visible"), [(timedelta(seconds=-1), False), (timedelta(0), True), (timedelta(seconds=1), True)]
)
def test_scheduled_publication_starts_at_the_exact_second(client, offset, visible):
    page = make_page(slug="overview")
    make_section(page, "Scheduled summit statement", publish_at=NOON)
    with time_machine.travel(NOON + offset, tick=False):
        html = client.get("/overview/").content.decode()
    assert ("Scheduled summit statement" in html) is visible


@pytest.mark.parametrize(
    ("offset", "visible"), [(timedelta(seconds=-1), True), (timedelta(0), False), (timedelta(seconds=1), False)]
)
def test_scheduled_unpublication_ends_at_the_exact_second(client, offset, visible):
    page = make_page(slug="overview")
    make_section(page, "Expiring notice", unpublish_at=NOON)
    event = make_event(page, "Expiring event", unpublish_at=NOON)
    with time_machine.travel(NOON + offset, tick=False):
        assert ("Expiring notice" in client.get("/overview/").content.decode()) is visible
        assert (client.get(event.get_absolute_url()).status_code == 200) is visible


def test_scheduled_page_joins_the_navigation_at_its_time(client):
    make_page(title="Home", slug="home", show_in_navigation=True)
    make_page(title="Summit page", slug="summit", show_in_navigation=True, publish_at=NOON)
    with time_machine.travel(NOON - timedelta(seconds=1), tick=False):
        assert "Summit page" not in client.get("/").content.decode()
    with time_machine.travel(NOON, tick=False):
        assert "Summit page" in client.get("/").content.decode()


def test_staff_preview_shows_drafts_marked_and_not_indexed(staff_client):
    page = make_page(slug="overview")
    draft = make_section(page, "Draft subsection", status=Status.DRAFT)
    response = staff_client.get(f"/preview/section/{draft.pk}/")
    soup = parse(response)
    assert "Draft subsection" in text_of(soup.select_one("#contents"))
    assert "Not public" in text_of(soup.select_one(".preview-banner"))
    assert text_of(soup.select_one(f"#{draft.slug} .state-badge")) == "Draft"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_preview_of_a_draft_page_is_refused_to_the_public(client):
    page = make_page(slug="overview", status=Status.DRAFT)
    assert client.get(f"/preview/section/{page.pk}/").status_code == 403
    assert client.get("/overview/").status_code == 404


def test_preview_of_a_draft_event_for_staff_only(visitor, staff_client):
    event = make_event(title="Draft event", status=Status.DRAFT)
    assert visitor.get(f"/events/preview/{event.pk}/").status_code == 403
    response = staff_client.get(f"/events/preview/{event.pk}/")
    assert "Draft event" in text_of(parse(response).h1) and response["X-Robots-Tag"].startswith("noindex")


def test_admin_view_on_site_goes_to_the_preview(staff_client):
    page = make_page(slug="overview")
    draft = make_section(page, slug="draft", status=Status.DRAFT)
    response = staff_client.get(f"/admin/sections/section/{draft.pk}/change/")
    assert f'href="/preview/section/{draft.pk}/#draft"' in response.content.decode()


def test_share_link_shows_the_draft_to_anyone_until_it_expires_or_is_revoked(client):
    page = make_page(title="Draft overview", slug="overview", status=Status.DRAFT)
    make_section(page, "Draft statement", status=Status.DRAFT)
    link = ShareLink.objects.create(page=page, expires_at=NOON)
    url = link.get_absolute_url()
    with time_machine.travel(NOON - timedelta(seconds=1), tick=False):
        response = client.get(url)
        assert "Draft statement" in response.content.decode()
        assert response["X-Robots-Tag"].startswith("noindex")
    with time_machine.travel(NOON, tick=False):
        assert client.get(url).status_code == 404
    link.expires_at = NOON + timedelta(days=1)
    link.revoked_at = NOON - timedelta(days=1)
    link.save()
    with time_machine.travel(NOON, tick=False):
        assert client.get(url).status_code == 404


def test_a_guessed_share_token_is_not_found(client):
    page = make_page(slug="overview", status=Status.DRAFT)
    ShareLink.objects.create(page=page)
    assert client.get("/share/not-the-token/").status_code == 404


def test_share_tokens_are_long_and_distinct():
    page = make_page()
    tokens = {ShareLink.objects.create(page=page).token for _ in range(5)}
    assert len(tokens) == 5 and all(len(token) >= 40 for token in tokens)


def test_last_updated_and_history_on_the_page(client):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 15, 0, tzinfo=datetime.UTC), tick=False):
        page = make_page(slug="overview")
    with time_machine.travel(datetime.datetime(2026, 3, 4, 15, 0, tzinfo=datetime.UTC), tick=False):
        make_section(page, "Newest")
    ChangeNote.objects.create(page=page, note="Added the February 2009 summit.", published_at=NOON)
    soup = parse(client.get("/overview/"))
    assert soup.select_one(".page__updated time")["datetime"] == "2026-03-04"
    assert "Added the February 2009 summit." in text_of(soup.select_one("#history"))


def test_last_updated_is_the_day_in_washington(client):
    # 02:00 UTC on 5 March is still the evening of 4 March in Washington, where the embassy publishes.
    with time_machine.travel(datetime.datetime(2026, 3, 5, 2, 0, tzinfo=datetime.UTC), tick=False):
        make_page(slug="overview")
    updated = parse(client.get("/overview/")).select_one(".page__updated time")
    assert updated["datetime"] == "2026-03-04"
    assert text_of(updated) == "March 4, 2026"


def test_draft_changes_do_not_move_last_updated(client):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 15, tzinfo=datetime.UTC), tick=False):
        page = make_page(slug="overview")
    with time_machine.travel(datetime.datetime(2026, 5, 1, 15, tzinfo=datetime.UTC), tick=False):
        make_section(page, "Draft", status=Status.DRAFT)
    updated = parse(client.get("/overview/")).select_one(".page__updated time")["datetime"]
    assert updated == "2026-03-01"


def test_related_link_without_title_is_allowed_in_a_draft(client):
    page = make_page(slug="overview")
    section = make_section(page, status=Status.DRAFT)
    make_link(section, title="")
    assert client.get("/overview/").status_code == 200
