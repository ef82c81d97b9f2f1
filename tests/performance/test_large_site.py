"""The large generated site: a valid tree, admin lists that stay cheap, moves that touch only what moves."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event
from photos.models import Photo
from sections.models import RelatedLink, Section

pytestmark = pytest.mark.django_db

CHANGE_LISTS = ["admin:sections_section_changelist", "admin:events_event_changelist", "admin:photos_photo_changelist"]


def make_large_site(scale):
    call_command("make_large_site", scale=scale, stdout=open("/dev/null", "w"))


def test_large_site_is_a_valid_tree_with_every_kind_of_content(client):
    make_large_site(0.1)
    assert Section.objects.find_problems() == ([], [], [], [], [])
    assert Section.objects.filter(depth=1).count() == 5
    assert Section.objects.filter(depth__gt=1).count() == 5 * 30
    assert Photo.objects.count() == 500 and Event.objects.count() == 1000 and RelatedLink.objects.count() == 2000
    # The tree still takes new nodes where treebeard expects them.
    page = Section.objects.get(slug="large-1-1")
    added = Section.objects.add_child(
        page, instance=Section(title="Added later", slug="added-later", status="published")
    )
    assert added.path.startswith(page.path) and Section.objects.find_problems() == ([], [], [], [], [])
    # Search works on it.
    assert "/events/large-1-event-" in client.get("/search/?q=generated+meeting").content.decode()


def test_deleting_one_generated_photo_keeps_the_files_the_others_use(
    isolated_media, django_capture_on_commit_callbacks
):
    make_large_site(0.01)
    first, second = Photo.objects.order_by("pk")[:2]
    names = first.file_names()
    assert names and names == second.file_names()
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert all((isolated_media / name).exists() for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        for photo in Photo.objects.all():
            photo.delete()
    assert not any((isolated_media / name).exists() for name in names)


def change_list_queries(client):
    counts = {}
    # The site's next scheduled change is worked out once per content change, by the first request after it.
    client.get(reverse(CHANGE_LISTS[0]))
    for name in CHANGE_LISTS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(name))
        assert response.status_code == 200
        counts[name] = len(queries)
    return counts


def test_admin_change_lists_run_as_many_queries_on_a_large_site(demo_site, staff_client):
    small = change_list_queries(staff_client)
    make_large_site(0.4)
    large = change_list_queries(staff_client)
    assert large == small
    assert max(large.values()) <= 30, large
    # One page of rows, not thousands.
    response = staff_client.get(reverse("admin:events_event_changelist"))
    assert response.content.decode().count('class="action-select"') == 50


def row_changes(action):
    """Run ``action``; return the number of rows each UPDATE statement changed."""
    changed = []

    def count_rows(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.lstrip().upper().startswith("UPDATE"):
            changed.append(context["cursor"].rowcount)
        return result

    with connection.execute_wrapper(count_rows):
        action()
    return changed


def test_moving_a_section_with_its_subsections_touches_only_the_rows_that_change():
    make_large_site(0.1)
    source = Section.objects.get(slug="large-1-1")
    # A new page: slugs are unique within a page, and every generated page has its own "section-4".
    target = Section.objects.add_root(instance=Section(title="Target", slug="target-page", status="published"))
    moving = Section.objects.get_children(source)[3]
    subtree = {moving.pk, *Section.objects.get_descendants(moving).values_list("pk", flat=True)}
    before = {row["pk"]: row for row in Section.objects.values("pk", "path", "depth", "numchild", "page_id")}

    changes = row_changes(lambda: Section.objects.move(moving, target, "last-child"))

    after = {row["pk"]: row for row in Section.objects.values("pk", "path", "depth", "numchild", "page_id")}
    changed = {pk for pk in before if before[pk] != after[pk]}
    # The moved section, its two subsections, and the two pages whose number of children changed.
    assert changed == subtree | {source.pk, target.pk}
    assert len(subtree) == 3
    # No statement rewrote rows that did not change (e.g. every section of the site).
    assert sum(changes) <= 2 * len(changed), changes
    assert all(page_id == target.pk for pk, page_id in ((pk, after[pk]["page_id"]) for pk in subtree))
    assert Section.objects.find_problems() == ([], [], [], [], [])
