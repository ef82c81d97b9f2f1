"""Editing in the admin: the publish gate, roles, revisions, recovery and safe concurrent editing."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test import Client
from reversion.models import Version

from events.models import Event
from photos.models import PhotoPlacement
from publishing import editions, services
from publishing.models import ChangeNote, HistoryAction, HistoryEntry, Status
from sections.models import DeletedSection, RelatedLink, Section
from tests.factories import make_event, make_link, make_page, make_photo, make_section, place_photo
from tests.html import form_data, parse, text_of
from tests.signin import sign_in_with_second_factor

pytestmark = pytest.mark.django_db

ADD = "/admin/sections/section/add/"


def change_url(section):
    return f"/admin/sections/section/{section.pk}/change/"


def new_section_data(page, **overrides):
    data = {
        "title": "New subsection",
        "slug": "new-subsection",
        "summary": "",
        "body": "Text.",
        "status": "draft",
        "date_precision": "day",
        "treebeard_position": "first-child",
        "treebeard_ref_node": str(page.pk),
        "photo_placements-TOTAL_FORMS": "0",
        "photo_placements-INITIAL_FORMS": "0",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def errors_of(response):
    soup = parse(response)
    return " ".join(text_of(element) for element in soup.select(".errornote, .errorlist"))


# The publish gate


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("Intro\n\n#### Skipped a level", "jumps from level 2 to level 4"),
        ("## Same level as the section", "not below this section's own heading"),
        ("# Above the section", "not below this section's own heading"),
    ],
)
def test_publishing_refuses_bad_heading_levels(publisher_client, body, problem):
    page = make_page(slug="overview")
    response = publisher_client.post(ADD, new_section_data(page, body=body, status="published"))
    assert response.status_code == 200
    assert problem in errors_of(response)
    assert not Section.objects.filter(slug="new-subsection").exists()


def test_good_heading_levels_publish(publisher_client):
    page = make_page(slug="overview")
    body = "Intro\n\n### A heading under the section\n\n#### Deeper\n\n### Back up"
    response = publisher_client.post(ADD, new_section_data(page, body=body, status="published"))
    assert response.status_code == 302
    assert Section.objects.get(slug="new-subsection").status == Status.PUBLISHED


def test_publishing_refuses_a_photo_without_alt_text_or_credit_naming_each(publisher_client):
    page = make_page(slug="overview")
    photo = make_photo(caption="Unlabelled", alt_text="", credit="")
    data = new_section_data(
        page,
        status="published",
        **{
            "photo_placements-TOTAL_FORMS": "1",
            "photo_placements-0-photo": str(photo.pk),
            "photo_placements-0-position": "0",
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-title": "",
            "related_links-0-url": "https://www.mofa.go.jp/",
            "related_links-0-position": "0",
        },
    )
    response = publisher_client.post(ADD, data)
    errors = errors_of(response)
    assert "“Unlabelled” has no alt text" in errors
    assert "“Unlabelled” has no credit line" in errors
    assert "The related link to https://www.mofa.go.jp/ has no title" in errors
    assert not Section.objects.filter(slug="new-subsection").exists()
    assert not RelatedLink.objects.exists()


def test_drafts_may_be_incomplete(editor_client):
    page = make_page(slug="overview")
    photo = make_photo(alt_text="", credit="")
    data = new_section_data(
        page,
        body="## Not yet right",
        **{
            "photo_placements-TOTAL_FORMS": "1",
            "photo_placements-0-photo": str(photo.pk),
            "photo_placements-0-position": "0",
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-title": "",
            "related_links-0-url": "https://www.mofa.go.jp/",
            "related_links-0-position": "0",
        },
    )
    assert editor_client.post(ADD, data).status_code == 302
    assert Section.objects.get(slug="new-subsection").status == Status.DRAFT


def test_publish_action_runs_the_gate(publisher_client):
    page = make_page(slug="overview")
    good = make_section(page, "Good", status=Status.DRAFT)
    bad = make_section(page, "Bad", status=Status.DRAFT, body="## Wrong level")
    response = publisher_client.post(
        "/admin/sections/section/",
        {"action": "publish_selected", "_selected_action": [good.pk, bad.pk]},
        follow=True,
    )
    good.refresh_from_db()
    bad.refresh_from_db()
    assert (good.status, bad.status) == (Status.PUBLISHED, Status.DRAFT)
    assert "“Bad” was not published" in response.content.decode()


def test_photo_cannot_be_published_without_credit(publisher_client):
    photo = make_photo(caption="No credit", credit="", status=Status.DRAFT)
    url = f"/admin/photos/photo/{photo.pk}/change/"
    data = form_data(publisher_client.get(url))
    data["status"] = "published"
    response = publisher_client.post(url, data)
    assert "has no credit line" in errors_of(response)
    photo.refresh_from_db()
    assert photo.status == Status.DRAFT


# Schedules


def test_unpublish_before_publish_is_refused(publisher_client):
    page = make_page(slug="overview")
    data = new_section_data(
        page,
        status="published",
        publish_at_0="2030-01-02",
        publish_at_1="10:00:00",
        unpublish_at_0="2030-01-01",
        unpublish_at_1="10:00:00",
    )
    response = publisher_client.post(ADD, data)
    assert "must come after the publish time" in errors_of(response)
    assert not Section.objects.filter(slug="new-subsection").exists()


def test_unpublish_in_the_past_is_refused(publisher_client):
    page = make_page(slug="overview")
    data = new_section_data(page, status="published", unpublish_at_0="2001-01-01", unpublish_at_1="10:00:00")
    response = publisher_client.post(ADD, data)
    assert "already passed" in errors_of(response)
    assert not Section.objects.filter(slug="new-subsection").exists()


def test_new_scheduled_subsection_appears_at_its_minute(publisher_client, staff_client, visitor):
    """The whole story: drafted, previewed, scheduled, and public at the minute."""
    page = make_page(slug="overview")
    make_section(page, "Existing")
    assert publisher_client.post(ADD, new_section_data(page, title="Summit statement")).status_code == 302
    section = Section.objects.get(slug="new-subsection")
    assert "Summit statement" not in visitor.get("/overview/").content.decode()
    assert "Summit statement" in staff_client.get(f"/preview/section/{section.pk}/").content.decode()

    data = form_data(publisher_client.get(change_url(section)))
    data.update(status="published", publish_at_0="2030-02-24", publish_at_1="15:00:00")
    assert publisher_client.post(change_url(section), data).status_code == 302
    publish_at = Section.objects.get(pk=section.pk).publish_at
    with time_machine.travel(publish_at - timedelta(seconds=1), tick=False):
        assert "Summit statement" not in visitor.get("/overview/").content.decode()
    with time_machine.travel(publish_at, tick=False):
        contents = [text_of(a) for a in parse(visitor.get("/overview/")).select("#contents a")]
        assert contents == ["1. Summit statement", "2. Existing"]


# Roles


def test_editor_cannot_publish_and_nothing_is_saved(editor_client):
    page = make_page(slug="overview")
    response = editor_client.post(ADD, new_section_data(page, status="published"))
    assert response.status_code == 200
    assert "Only publishers can publish" in errors_of(response)
    assert not Section.objects.filter(slug="new-subsection").exists()


def test_editor_cannot_schedule(editor_client):
    page = make_page(slug="overview")
    data = new_section_data(page, publish_at_0="2030-01-01", publish_at_1="10:00:00")
    response = editor_client.post(ADD, data)
    assert "Only publishers can publish" in errors_of(response)


def test_editor_submits_for_review_and_publishers_see_it(editor_client, publisher_client):
    page = make_page(slug="overview")
    assert editor_client.post(ADD, new_section_data(page, status="review")).status_code == 302
    listing = publisher_client.get("/admin/sections/section/", {"state": "review"})
    assert "New subsection" in listing.content.decode()


def test_editor_submit_for_review_action(editor_client):
    page = make_page(slug="overview")
    draft = make_section(page, status=Status.DRAFT)
    editor_client.post("/admin/sections/section/", {"action": "submit_for_review", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW


def test_an_editors_change_to_published_content_waits_as_a_draft_and_they_cannot_delete_it(editor_client, visitor):
    page = make_page(slug="overview")
    published = make_section(page, "Published", slug="published", body="Live text.")
    data = form_data(editor_client.get(change_url(published)))
    data.update(title="Changed by the editor", _publish="Save and publish")  # a button editors are not shown
    response = editor_client.post(change_url(published), data, follow=True)
    assert "were not published: Only publishers can publish" in text_of(parse(response).select_one(".messagelist"))
    published.refresh_from_db()
    assert published.title == "Published"
    assert draft_copy(published).title == "Changed by the editor"
    assert "Changed by the editor" not in visitor.get("/overview/").content.decode()
    assert editor_client.post(f"/admin/sections/section/{published.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Section.objects.filter(pk=published.pk, title="Published").exists()


def test_editor_has_no_publish_actions(editor_client):
    make_page(slug="overview")
    html = editor_client.get("/admin/sections/section/").content.decode()
    assert "submit_for_review" in html and "publish_selected" not in html


def test_publishing_is_logged_with_the_user(publisher_client, publisher):
    page = make_page(slug="overview")
    publisher_client.post(ADD, new_section_data(page, status="published"))
    section = Section.objects.get(slug="new-subsection")
    entries = LogEntry.objects.filter(object_id=str(section.pk), user=publisher)
    assert "Published." in [entry.get_change_message() for entry in entries]


def test_groups_exist_with_their_permissions():
    from django.contrib.auth.models import Group

    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    publisher = set(Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True))
    assert {"add_section", "change_section", "add_photo"} <= editor
    assert not {"publish_section", "publish_event", "publish_photo", "publish_sitesettings"} & editor
    assert "change_sitesettings" in editor  # a draft of the footer, which a publisher publishes
    assert {"publish_section", "publish_event", "publish_photo", "publish_sitesettings"} <= publisher


# Change notes


def test_change_note_appears_in_the_page_history(publisher_client, visitor):
    page = make_page(slug="overview")
    section = make_section(page, "Summits")
    data = form_data(publisher_client.get(change_url(section)))
    data.update(body="New text.", change_note="Added the February 2009 summit.", _publish="Save and publish")
    assert publisher_client.post(change_url(section), data).status_code == 302
    assert ChangeNote.objects.get().page == page
    assert "Added the February 2009 summit." in text_of(parse(visitor.get("/overview/")).select_one("#history"))
    version = Version.objects.get_for_object(section).first()
    assert version.revision.comment == "Added the February 2009 summit."


def test_a_change_note_in_japanese_goes_to_the_japanese_history_and_its_absence_is_marked(
    publisher, publisher_client, visitor
):
    page = make_page(slug="overview", title_ja="概要")
    section = make_section(page, "Summits", title_ja="首脳会談")
    data = form_data(publisher_client.get(change_url(section)))
    data.update(
        body="New text.",
        change_note="Added the February 2009 summit.",
        change_note_ja="2009年2月の首脳会談を追加しました。",
        _publish="Save and publish",
    )
    assert publisher_client.post(change_url(section), data).status_code == 302
    history = parse(visitor.get("/ja/overview/")).select_one("#history")
    assert "2009年2月の首脳会談を追加しました。" in text_of(history) and history.select("[lang=en]") == []
    assert "Added the February 2009 summit." in text_of(parse(visitor.get("/overview/")).select_one("#history"))
    # A live section's change goes through its draft: the Japanese note waits with it and is published with it.
    data = form_data(publisher_client.get(change_url(section)))
    data.update(body="Newer text.", change_note="Corrected a date.", change_note_ja="", _save="Save draft")
    assert publisher_client.post(change_url(section), data).status_code == 302
    services.publish_draft(section, publisher)
    english_only = [span for span in parse(visitor.get("/ja/overview/")).select("#history [lang=en]")]
    assert [span.get_text() for span in english_only] == ["Corrected a date."]


# Revisions


def draft_copy(item):
    """The item as its pending draft has it."""
    return editions.revision_item(services.draft_of(item).revision, item)


def edit(client, section, **changes):
    data = form_data(client.get(change_url(section)))
    data.update(changes)
    response = client.post(change_url(section), data)
    assert response.status_code == 302, errors_of(response)


def test_each_save_records_a_revision_with_links_and_photos(publisher_client):
    page = make_page(slug="overview")
    section = make_section(page, "Summits", body="First text.")
    make_link(section, "Ministry of Foreign Affairs", "https://www.mofa.go.jp/")
    place_photo(make_photo(caption="Leaders"), section=section)
    edit(publisher_client, section, body="Second text.")
    revision = Version.objects.get_for_object(section).first().revision
    models = sorted(version.content_type.model for version in revision.version_set.all())
    assert models == ["photoplacement", "relatedlink", "section"]
    assert revision.user.username == "pat"


def test_a_revert_becomes_the_draft_and_publishing_it_restores_body_and_links_and_withdraws_the_note(
    publisher_client, visitor
):
    page = make_page(slug="overview")
    first = make_section(page, "First", slug="first")
    section = make_section(page, "Summits", slug="summits", body="Original text.")
    make_link(section, "Original link", "https://original.example/")
    edit(publisher_client, section, body="Original text.", _publish="Save and publish")  # to come back to
    original = Version.objects.get_for_object(section).first().revision

    data = form_data(publisher_client.get(change_url(section)))
    data.update({"body": "Rewritten text.", "related_links-0-DELETE": "on", "related_links-TOTAL_FORMS": "2",
                 "related_links-1-title": "Newer link", "related_links-1-url": "https://newer.example/",
                 "related_links-1-position": "1", "change_note": "Rewrote the summits.",
                 "_publish": "Save and publish"})  # fmt: skip
    assert publisher_client.post(change_url(section), data).status_code == 302
    assert "Rewrote the summits." in text_of(parse(visitor.get("/overview/")).select_one("#history"))
    Section.objects.move(Section.objects.get(pk=section.pk), first, "left")  # moved since the revision

    history = parse(publisher_client.get(f"/admin/sections/section/{section.pk}/history/"))
    assert "Published" in text_of(history) and "Rewrote the summits." in text_of(history)
    action = f"/admin/sections/section/{section.pk}/edition/"
    assert publisher_client.post(action, {"action": "revert", "revision": original.pk}).status_code == 302
    section.refresh_from_db()
    assert section.body == "Rewritten text."  # a revert is a draft: the public still reads the current text
    assert draft_copy(section).body == "Original text."
    assert "Rewritten text." in visitor.get("/overview/").content.decode()

    assert publisher_client.post(action, {"action": "publish"}).status_code == 302
    section.refresh_from_db()
    assert section.body == "Original text." and section.body_html == "<p>Original text.</p>"
    assert list(section.related_links.values_list("title", flat=True)) == ["Original link"]
    reader_page = parse(visitor.get("/overview/"))
    assert [text_of(a) for a in reader_page.select("#contents a")] == ["1. Summits", "2. First"]
    assert "Rewrote the summits." not in text_of(reader_page)  # the reverted change's note is withdrawn
    actions = [entry.action for entry in HistoryEntry.objects.filter(item_id=section.pk)]
    assert actions[:2] == [HistoryAction.PUBLISHED, HistoryAction.REVERTED]


def test_compare_shows_the_changed_words_of_the_draft_and_of_any_two_revisions(publisher_client):
    page = make_page(slug="overview")
    section = make_section(page, "Summits", body="The leaders met in Tokyo.\n\nThey agreed.")
    edit(publisher_client, section, body="The leaders met in Osaka.\n\nThey agreed.")
    osaka = Version.objects.get_for_object(section).first().revision
    edit(publisher_client, section, body="The leaders met in Washington.\n\nThey agreed.", title="Summit meetings")
    washington = Version.objects.get_for_object(section).first().revision

    compare = f"/admin/sections/section/{section.pk}/compare/"
    html = publisher_client.get(compare).content.decode()  # the draft against the published version
    assert "<del>Tokyo</del><ins>Washington</ins>" in html and "<ins>Summit meetings</ins>" in html
    html = publisher_client.get(compare, {"from": osaka.pk, "to": washington.pk}).content.decode()
    assert "<del>Osaka</del><ins>Washington</ins>" in html and "They agreed." in html
    assert "Path" not in html and "Version" not in html  # no field an editor does not know
    assert publisher_client.get(compare, {"from": "999999", "to": "draft"}).status_code == 404


def test_deleted_section_is_recovered_with_its_children_links_photos_and_events(publisher_client, visitor):
    page = make_page(slug="overview")
    make_section(page, "Before", slug="before")
    doomed = make_section(page, "Security", slug="security")
    child = make_section(doomed, "Ballistic Missile Defense", slug="bmd")
    make_link(child, "Ministry of Defense", "https://www.mod.go.jp/e/")
    photo = make_photo(caption="Aegis ship")
    place_photo(photo, section=child)
    event = make_event(child, "SM-3 test")
    make_section(page, "After", slug="after")

    response = publisher_client.post(f"/admin/sections/section/{doomed.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Section.objects.filter(slug__in=["security", "bmd"]).exists()
    assert Event.objects.get(pk=event.pk).section is None

    deleted = DeletedSection.objects.get()
    publisher_client.post("/admin/sections/deletedsection/", {"action": "recover", "_selected_action": [deleted.pk]})
    restored_child = Section.objects.get(slug="bmd")
    assert restored_child.page == page
    assert list(restored_child.related_links.values_list("title", flat=True)) == ["Ministry of Defense"]
    assert PhotoPlacement.objects.get(section=restored_child).photo == photo
    assert Event.objects.get(pk=event.pk).section == restored_child
    contents = [text_of(a) for a in parse(visitor.get("/overview/")).select("#contents a")]
    assert contents == ["1. Before", "2. Security", "(1) Ballistic Missile Defense", "3. After"]
    deleted.refresh_from_db()
    assert deleted.recovered_at is not None


def recover_through_the_admin(client, deleted):
    response = client.post(
        "/admin/sections/deletedsection/", {"action": "recover", "_selected_action": [deleted.pk]}, follow=True
    )
    assert response.status_code == 200
    return [text_of(item) for item in parse(response).select(".messagelist li")]


def test_a_section_whose_slugs_were_taken_since_comes_back_under_free_ones_and_says_so(publisher_client, visitor):
    page = make_page(slug="overview")
    doomed = make_section(page, "Security", slug="security")
    make_section(doomed, "Ballistic Missile Defense", slug="bmd")
    publisher_client.post(f"/admin/sections/section/{doomed.pk}/delete/", {"post": "yes"})
    # In the meantime, editors reuse both anchors on the same page.
    newcomer = make_section(page, "Security today", slug="security")
    make_section(newcomer, "Missile defence now", slug="bmd")

    messages = recover_through_the_admin(publisher_client, DeletedSection.objects.get())

    assert messages[1:] == [
        "“Security” is back, published. Slugs taken in the meantime were changed: "
        "“Security” is now “security-2” (was “security”); "
        "“Ballistic Missile Defense” is now “bmd-2” (was “bmd”)."
    ]
    recovered = Section.objects.get(title="Security")
    assert (recovered.slug, recovered.page) == ("security-2", page)
    assert Section.objects.get(title="Ballistic Missile Defense").slug == "bmd-2"
    assert Section.objects.get(title="Security today").slug == "security"  # the live section keeps its address
    history = parse(publisher_client.get(f"/admin/sections/section/{recovered.pk}/history/"))
    assert "Recovered" in text_of(history.select_one("tbody tr"))
    anchors = {a["href"] for a in parse(visitor.get("/overview/")).select("#contents a")}
    assert {"#security", "#bmd", "#security-2", "#bmd-2"} <= anchors


def test_a_page_whose_slug_was_taken_since_comes_back_under_a_free_one(publisher_client):
    doomed = make_page("Old overview", slug="overview")
    make_section(doomed, "Security", slug="security")
    publisher_client.post(f"/admin/sections/section/{doomed.pk}/delete/", {"post": "yes"})
    make_page("New overview", slug="overview")

    messages = recover_through_the_admin(publisher_client, DeletedSection.objects.get())

    assert "“Old overview” is now “overview-2” (was “overview”)" in messages[-1]
    recovered = Section.objects.get(title="Old overview")
    assert recovered.slug == "overview-2" and recovered.is_page
    assert Section.objects.get(title="Security").page == recovered  # its own section kept its slug
    assert Section.objects.get(title="Security").slug == "security"


# Concurrent editing


def test_a_stale_save_is_refused_showing_the_other_change_and_keeping_the_typed_text(publisher, django_user_model):
    page = make_page(slug="overview")
    section = make_section(page, "Summits", body="The leaders met.")
    first, second = Client(), Client()
    sign_in_with_second_factor(first, publisher)
    other = django_user_model.objects.create_superuser("kim", "kim@example.org", "a-long-test-password")
    sign_in_with_second_factor(second, other)

    mine = form_data(first.get(change_url(section)))
    theirs = form_data(second.get(change_url(section)))
    theirs["body"] = "The leaders met in Washington on February 24."
    assert second.post(change_url(section), theirs).status_code == 302

    mine["body"] = "My careful rewrite of the paragraph."
    response = first.post(change_url(section), mine)
    assert response.status_code == 200
    errors = errors_of(response)
    assert "kim" in errors and "while you were editing" in errors
    assert "The saved version differs from yours" in errors
    assert "“The leaders met in Washington on February 24.”" in errors
    assert parse(response).select_one("textarea#id_body").get_text().strip() == "My careful rewrite of the paragraph."
    assert draft_copy(section).body == "The leaders met in Washington on February 24."

    # Having seen their change, submitting again is a deliberate choice and goes through.
    again = form_data(response)
    assert first.post(change_url(section), again).status_code == 302
    assert draft_copy(section).body == "My careful rewrite of the paragraph."
    section.refresh_from_db()
    assert section.body == "The leaders met."  # both edited the draft: the public text is unchanged


def test_a_failure_midway_through_saving_leaves_the_previous_version_intact(publisher):
    page = make_page(slug="overview")
    section = make_section(page, "Summits", body="Safe text.")
    make_link(section, "Kept link", "https://kept.example/")
    # The database refuses the second link, as a full disk would, after the section itself was written.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TRIGGER refuse_link BEFORE INSERT ON sections_relatedlink WHEN NEW.title = 'Boom' "
                "BEGIN SELECT RAISE(ABORT, 'disk full'); END;"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION refuse_link() RETURNS trigger AS $$ BEGIN "
                "IF NEW.title = 'Boom' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_link BEFORE INSERT ON sections_relatedlink "
                "FOR EACH ROW EXECUTE FUNCTION refuse_link()"
            )
    client = Client(raise_request_exception=False)
    sign_in_with_second_factor(client, publisher)
    data = form_data(client.get(change_url(section)))
    data.update({"body": "Half-saved text.", "related_links-TOTAL_FORMS": "2", "related_links-1-title": "Boom",
                 "related_links-1-url": "https://boom.example/", "related_links-1-position": "1"})  # fmt: skip
    assert client.post(change_url(section), data).status_code == 500
    section.refresh_from_db()
    assert section.body == "Safe text."
    assert list(section.related_links.values_list("title", flat=True)) == ["Kept link"]


def test_a_stale_save_shows_what_the_other_person_changed_since_the_form_was_opened(publisher_client, publisher):
    page = make_page(slug="overview")
    section = make_section(page, "Summits", body="The leaders met.\nThey agreed.")
    edit(publisher_client, section, body="The leaders met.\nThey agreed.")  # the copy both start from
    other = Client()
    sign_in_with_second_factor(other, publisher)
    mine = form_data(publisher_client.get(change_url(section)))
    edit(other, section, body="The leaders met in Washington.\nThey agreed.", title="Summit meetings")
    mine["body"] = "The leaders met.\nThey agreed.\nMy new line."
    errors = errors_of(publisher_client.post(change_url(section), mine))
    assert "Their changes:" in errors
    assert "Title: “Summits” → “Summit meetings”" in errors
    assert "Body: added “in Washington”." in errors


def test_publishers_see_items_awaiting_review_on_the_admin_home(editor_client, publisher_client):
    page = make_page(slug="overview")
    make_section(page, "Please publish me", status=Status.REVIEW)
    make_section(page, "Still a draft", status=Status.DRAFT)
    panel = parse(publisher_client.get("/admin/")).select_one("#awaiting-review")
    assert "Please publish me" in text_of(panel) and "Still a draft" not in text_of(panel)
    assert parse(editor_client.get("/admin/")).select_one("#awaiting-review") is None
