"""What keeps uncached pages quick as the site grows: indexes the hot lookups need, and planner statistics."""

import sqlite3

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.utils import ConnectionHandler

from events.models import Event
from photos.models import Photo
from sections.models import Section

pytestmark = pytest.mark.django_db


def single_column_indexes(model):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {tuple(info["columns"]) for info in constraints.values() if info["index"] and len(info["columns"]) == 1}


@pytest.mark.parametrize(
    ("model", "column"),
    [
        (Section, "publish_at"),
        (Section, "unpublish_at"),
        (Event, "publish_at"),
        (Event, "unpublish_at"),
        (Photo, "publish_at"),
        (Photo, "unpublish_at"),
        (Photo, "rights_expire_on"),
    ],
)
def test_every_scheduled_change_is_found_through_an_index(model, column):
    # Every uncached page asks for the next moment each of these columns changes what the public sees
    # (publishing.pagecache.next_scheduled_change). Without the index, that is a scan of the whole table.
    assert (column,) in single_column_indexes(model)


def test_make_large_site_leaves_the_planner_statistics_up_to_date():
    call_command("make_large_site", scale=0.01, stdout=open("/dev/null", "w"))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
            analysed = {row[0] for row in cursor.fetchall()}
        else:
            cursor.execute("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL")
            analysed = {row[0] for row in cursor.fetchall()}
    assert {"events_event", "sections_section", "photos_photo", "sections_relatedlink"} <= analysed


def test_an_sqlite_connection_gathers_missing_statistics_when_it_closes(tmp_path):
    # A database that has never been analysed: the planner reads events through the status index, every
    # published event of the site, instead of the few of one section.
    path = tmp_path / "site.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE event (id INTEGER PRIMARY KEY, section_id INTEGER, status TEXT, starts_on TEXT)")
        raw.execute("CREATE INDEX event_section ON event (section_id)")
        raw.execute("CREATE INDEX event_status ON event (status)")
        raw.executemany(
            "INSERT INTO event (section_id, status, starts_on) VALUES (?, 'published', '2009-02-24')",
            [(number % 500,) for number in range(5000)],
        )
    query = "SELECT id FROM event WHERE section_id IN (1, 2) AND status = 'published' ORDER BY starts_on"

    def plan():
        with sqlite3.connect(path) as raw:
            return " ".join(row[-1] for row in raw.execute(f"EXPLAIN QUERY PLAN {query}"))

    assert "event_status" in plan()
    # Our SQLite backend, whichever database the tests run on.
    wrapper = ConnectionHandler({"default": {"ENGINE": "embassy.sqlite3", "NAME": str(path)}})["default"]
    with wrapper.cursor() as cursor:
        cursor.execute(query)
        assert len(cursor.fetchall()) == 20
    wrapper.close()
    assert "event_section" in plan()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan; PostgreSQL plans by its own costs")
@pytest.mark.parametrize("lookup", ["slug", "pk"])
def test_a_page_and_its_sections_are_found_through_indexes_not_by_reading_every_section(lookup):
    # Every uncached page starts with this read (sections.tree.public_page_tree). Written so that SQLite read the
    # whole table in path order, it took 3 ms on the large site, a third of an uncached page's budget.
    from django.utils import timezone

    from sections.tree import PAGE_WITH_SECTIONS

    call_command("make_large_site", scale=0.1, stdout=open("/dev/null", "w"))
    page = Section.objects.filter(depth=1).exclude(numchild=0).first()
    now, value = timezone.now(), getattr(page, lookup)
    compiled, params = PAGE_WITH_SECTIONS[lookup]._prepared((now, value))
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {compiled.sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]
    assert not [step for step in plan if step.startswith("SCAN sections_section")], plan
    read = sorted(section.pk for section in PAGE_WITH_SECTIONS[lookup](now, value))
    visible_sections = Section.objects.visible(now).filter(page=page).values_list("pk", flat=True)
    assert read == sorted([page.pk, *visible_sections])
    assert len(read) > 1
