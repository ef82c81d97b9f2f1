"""Editions: a published item is changed as a draft, previewed, compared, reviewed and published or scheduled,
while the public keeps reading the published version."""

import datetime
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from events.models import Event
from photos.models import Photo
from publishing import editions, services
from publishing.models import Draft, HistoryAction, HistoryEntry, Status
from sections.models import Section, ShareLink
from tests.factories import make_event, make_page, make_photo, make_section
from tests.html import form_data, parse, text_of
from tests.visibility import assert_nowhere_public, assert_somewhere_public

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 1, 17, 0, tzinfo=datetime.UTC)  # noon in Washington


def admin_url(item, view="change"):
    opts = item._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/{view}/"


def save(client, item, **changes):
    """Open the item's change form, change what is given, press the button given (default: Save draft)."""
    data = form_data(client.get(admin_url(item)))
    data.update(changes)
    response = client.post(admin_url(item), data, follow=True)
    assert response.status_code == 200
    return response


def act(client, item, action, **extra):
    return client.post(admin_url(item, "edition"), {"action": action, **extra}, follow=True)


def message(response):
    return text_of(parse(response).select_one(".messagelist"))


def draft_copy(item):
    return editions.revision_item(services.draft_of(item).revision, item)


def summit_page():
    page = make_page(title="Overview", slug="overview", show_in_navigation=True)
    section = make_section(page, "Summit Meetings", slug="summits", body="The leaders met in Tokyo.")
    return page, section


def test_a_draft_with_a_new_photograph_and_event_is_public_nowhere_but_in_the_preview_and_share_link(
    editor_client, publisher_client, client
):
    page, section = summit_page()
    photo = make_photo(caption="Leaders on the South Lawn", credit="Photo: Test Agency", status=Status.DRAFT)
    Event.objects.create(section=section, title="Working lunch at the White House", slug="working-lunch",
                         starts_on=datetime.date(2009, 2, 24), status=Status.DRAFT)  # fmt: skip
    response = save(
        editor_client,
        section,
        body="The leaders met again in Washington.",
        **{
            "photo_placements-TOTAL_FORMS": "1",
            "photo_placements-0-photo": str(photo.pk),
            "photo_placements-0-position": "0",
        },  # fmt: skip
    )
    assert "saved as a draft. The public still sees the published version" in message(response)
    section.refresh_from_db()
    assert section.body == "The leaders met in Tokyo." and not section.photo_placements.exists()

    new_texts = ["again in Washington", "Leaders on the South Lawn", "Working lunch at the White House"]
    assert_somewhere_public(client, "The leaders met in Tokyo.")
    assert_nowhere_public(client, *new_texts)

    preview = editor_client.get(f"/preview/section/{section.pk}/")
    assert preview["Cache-Control"] == "private, no-store"
    text = text_of(parse(preview))
    assert all(new in text for new in new_texts) and "Tokyo" not in text
    assert "Not public. Preview" in text_of(parse(preview).select_one(".preview-banner"))
    link = ShareLink.objects.create(page=page)
    assert "again in Washington" in client.get(link.get_absolute_url()).content.decode()
    # Previewing wrote nothing: the public still reads the published text, the draft is still a draft.
    assert_nowhere_public(client, *new_texts)
    assert Section.objects.get(pk=section.pk).body == "The leaders met in Tokyo."

    # The publisher publishes the draft with the photograph and the event it shows.
    response = act(publisher_client, section, "publish", with_companions="1")
    assert "is published" in message(response)
    for text in new_texts:
        assert_somewhere_public(client, text)
    assert not Draft.objects.exists()
    assert Photo.objects.get(pk=photo.pk).status == Status.PUBLISHED


def test_publishing_a_draft_that_shows_an_unpublished_photograph_warns_and_publishes_nothing(publisher_client, client):
    page, section = summit_page()
    photo = make_photo(caption="Unpublished photograph", status=Status.DRAFT)
    response = save(
        publisher_client,
        section,
        body="The leaders met in Washington.",
        _publish="Save and publish",
        **{
            "photo_placements-TOTAL_FORMS": "1",
            "photo_placements-0-photo": str(photo.pk),
            "photo_placements-0-position": "0",
        },  # fmt: skip
    )
    assert "“Summit Meetings” shows “Unpublished photograph”, not yet published" in message(response)
    assert "Tick “Publish with it”" in message(response)
    assert Section.objects.get(pk=section.pk).body == "The leaders met in Tokyo."
    assert draft_copy(section).body == "The leaders met in Washington."  # kept, nothing lost
    assert Photo.objects.get(pk=photo.pk).status == Status.DRAFT


def test_the_gate_checks_the_draft_as_it_will_be_published(publisher_client):
    page, section = summit_page()
    response = save(publisher_client, section, body="Intro\n\n#### Skipped a level", _publish="Save and publish")
    assert "were not published" in message(response) and "jumps from level" in message(response)
    assert Section.objects.get(pk=section.pk).body == "The leaders met in Tokyo."


def test_an_editor_submits_a_change_and_the_publisher_sees_it_waiting(editor_client, publisher_client):
    page, section = summit_page()
    response = save(editor_client, section, body="The leaders met in Washington.", _submit="Save and submit")
    assert "wait for a publisher's review" in message(response)
    assert "Save and publish" not in parse(response).select_one(".edition-submit-row").decode()

    panel = text_of(parse(publisher_client.get("/admin/")).select_one("#awaiting-review"))
    assert "Summit Meetings" in panel and "changes to the published version" in panel
    listing = publisher_client.get("/admin/sections/section/", {"state": "review"})
    rows = text_of(parse(listing).select_one("#result_list"))
    assert "Summit Meetings" in rows and "Published; changes awaiting review" in rows
    assert "Overview" not in rows
    # The editor cannot publish it by asking the edition page directly.
    response = act(editor_client, section, "publish")
    assert "Nothing was changed: Only publishers can publish" in message(response)
    assert Section.objects.get(pk=section.pk).body == "The leaders met in Tokyo."


def test_every_change_list_and_form_says_the_state(publisher_client):
    page, section = summit_page()
    make_section(page, "Never published", status=Status.DRAFT)
    photo = make_photo(caption="A published photograph")
    event = make_event(section, "A published event")
    save(publisher_client, section, body="Changed.")
    save(publisher_client, photo, caption="A changed caption")
    save(publisher_client, event, title="A changed event", go_live_at=timezone.localtime(NOON + timedelta(days=3650))
         .strftime("%Y-%m-%dT%H:%M"), _schedule="Save and schedule")  # fmt: skip

    changed = publisher_client.get("/admin/sections/section/", {"state": "changed"})
    sections = text_of(parse(changed).select_one("#result_list"))
    assert "Summit Meetings" in sections and "Published, with unpublished changes" in sections
    drafts = publisher_client.get("/admin/sections/section/", {"state": "draft"})
    sections = text_of(parse(drafts).select_one("#result_list"))
    assert "Never published" in sections and "Draft" in sections and "Summit Meetings" not in sections
    photos = text_of(parse(publisher_client.get("/admin/photos/photo/")).select_one("#result_list"))
    assert "Published, with unpublished changes" in photos
    events = text_of(parse(publisher_client.get("/admin/events/event/")).select_one("#result_list"))
    assert "Published; change scheduled" in events
    form = text_of(parse(publisher_client.get(admin_url(section))).select_one(".edition-bar"))
    assert "Published, with unpublished changes" in form and "Preview the draft" in form
    assert Photo.objects.get(pk=photo.pk).caption == "A published photograph"
    assert Event.objects.get(pk=event.pk).title == "A published event"


def test_discarding_a_draft_goes_back_to_the_published_version(editor_client, client):
    page, section = summit_page()
    save(editor_client, section, body="A change nobody wants.")
    response = act(editor_client, section, "discard")
    assert "is discarded; the published version is unchanged" in message(response)
    assert services.draft_of(section) is None
    form = parse(editor_client.get(admin_url(section)))
    assert form.select_one("textarea#id_body").get_text().strip() == "The leaders met in Tokyo."
    actions = list(HistoryEntry.objects.filter(item_id=section.pk).values_list("action", flat=True))
    assert actions[:2] == [HistoryAction.DISCARDED, HistoryAction.SAVED_DRAFT]


def test_a_scheduled_change_goes_live_at_its_second_and_no_cached_page_outlives_it(
    publisher_client, client, page_cache
):
    page, section = summit_page()
    make_event(section, "Summit dinner")
    go_live = NOON + timedelta(hours=1)
    with time_machine.travel(NOON, tick=False):
        response = save(publisher_client, section, title="Summit Meetings and Dinners",
                        body="The leaders met in Washington.", _schedule="Save and schedule",
                        go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%dT%H:%M:%S"))  # fmt: skip
        assert "will change on" in message(response)
        assert "Tokyo" in client.get("/overview/").content.decode()  # now cached
        assert "Tokyo" in client.get("/overview/").content.decode()
    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        assert "Tokyo" in client.get("/overview/").content.decode()
        assert "Summit Meetings and Dinners" not in client.get("/search/", {"q": "Dinners"}).content.decode()
    with time_machine.travel(go_live, tick=False):
        html = client.get("/overview/").content.decode()
        assert "The leaders met in Washington." in html and "Tokyo" not in html
        contents = [text_of(a) for a in parse(client.get("/overview/")).select("#contents a")]
        assert contents == ["1. Summit Meetings and Dinners"]
        assert "Summit Meetings and Dinners" in client.get("/updates.atom").content.decode()
        results = parse(client.get("/search/", {"q": "Dinners"})).select_one(".search-results")
        assert "Summit Meetings and Dinners" in text_of(results)
    assert not Draft.objects.exists()
    entry = HistoryEntry.objects.filter(item_id=section.pk).first()
    assert entry.action == HistoryAction.PUBLISHED


def test_an_editor_cannot_schedule_a_change(editor_client):
    page, section = summit_page()
    later = timezone.localtime(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = save(editor_client, section, body="Changed.", _schedule="Save and schedule", go_live_at=later)
    assert "Only publishers can publish" in message(response)
    assert services.draft_of(section).go_live_at is None


def test_a_scheduled_moment_in_the_past_is_refused_with_the_draft_kept(publisher_client):
    page, section = summit_page()
    earlier = timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = save(publisher_client, section, body="Changed.", _schedule="Save and schedule", go_live_at=earlier)
    assert "already passed" in message(response)
    response = save(publisher_client, section, body="Changed.", _schedule="Save and schedule", go_live_at="soon")
    assert "Give the moment to publish" in message(response)
    assert draft_copy(section).body == "Changed." and services.draft_of(section).go_live_at is None


def test_the_history_lists_every_step_with_who_did_it(editor_client, publisher_client, editor, publisher):
    page, section = summit_page()
    save(editor_client, section, body="First change.", _submit="Save and submit")
    act(publisher_client, section, "publish")
    save(publisher_client, section, body="Second change.")
    act(publisher_client, section, "discard")
    history = parse(publisher_client.get(admin_url(section, "history")))
    rows = [text_of(row) for row in history.select("tbody tr")]
    assert len(rows) == 5
    assert "Discarded the draft" in rows[0] and publisher.username in rows[0]
    assert "Published" in rows[2] and "Submitted for review" in rows[3] and editor.username in rows[4]


def test_site_settings_changes_are_a_draft_until_published(editor_client, publisher_client, client, demo_site):
    from sitewide.models import SiteSettings

    settings_item = SiteSettings.load()
    response = save(editor_client, settings_item, address="1 Draft Street\nWashington, DC 20008")
    assert "saved as a draft" in message(response)
    assert "1 Draft Street" not in text_of(parse(client.get("/")).find("footer"))
    act(publisher_client, settings_item, "publish")
    assert "1 Draft Street" in text_of(parse(client.get("/")).find("footer"))


def test_a_drafts_japanese_text_is_public_in_no_language_until_published(editor_client, publisher_client, client):
    page, section = summit_page()
    form = parse(editor_client.get(admin_url(section)))
    legends = [text_of(legend) for legend in form.select("fieldset h2, fieldset legend")]
    assert "日本語 (Japanese)" in legends
    response = save(editor_client, section, title_ja="東京での首脳の会合", body_ja="両首脳は東京で会談した。")
    assert "saved as a draft" in message(response)
    section.refresh_from_db()
    assert not section.body_ja  # the public row is unchanged
    assert draft_copy(section).body_ja == "両首脳は東京で会談した。"
    assert_nowhere_public(client, "両首脳は東京で会談した。", "東京での首脳の会合")

    assert "published" in message(act(publisher_client, section, "publish")).lower()
    section.refresh_from_db()
    assert section.body_html_ja.strip() == "<p>両首脳は東京で会談した。</p>"
    assert "両首脳は東京で会談した。" in client.get("/ja/overview/").content.decode()
    assert "両首脳は東京で会談した。" not in client.get("/overview/").content.decode()
