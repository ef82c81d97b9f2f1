"""The hand-assembled reads of embassy.sql select exactly what the ORM's public() selects."""

import datetime
import itertools

import pytest
from django.db import connection

from embassy.models import Status
from embassy.sql import column, order_by, placeholders, public_condition, table
from events.models import Event
from sections.models import RelatedLink, Section
from tests.factories import make_event, make_page

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 4, 12, 0, tzinfo=datetime.UTC)
ONE_MICROSECOND = datetime.timedelta(microseconds=1)
# Every kind of schedule boundary around noon, down to the microsecond.
MOMENTS = [None, NOON - datetime.timedelta(days=1), NOON - ONE_MICROSECOND, NOON, NOON + ONE_MICROSECOND]


def ids_through_sql(model, at):
    condition, params = public_condition(model, at)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column(model, 'pk')} FROM {table(model)} WHERE {condition}", params)
        return {row[0] for row in cursor.fetchall()}


def every_schedule(make):
    made = []
    for status, publish_at, unpublish_at in itertools.product(Status.values, MOMENTS, MOMENTS):
        if publish_at and unpublish_at and publish_at >= unpublish_at:
            continue  # refused by the database's own constraint
        made.append(make(status=status, publish_at=publish_at, unpublish_at=unpublish_at))
    return made


@pytest.mark.parametrize("at", [NOON - ONE_MICROSECOND, NOON, NOON + ONE_MICROSECOND, NOON.astimezone()])
def test_the_public_condition_selects_what_public_selects(at):
    page = make_page(slug="overview")
    counter = itertools.count()
    every_schedule(lambda **fields: make_event(page, slug=f"event-{next(counter)}", **fields))
    every_schedule(lambda **fields: make_page(slug=f"page-{next(counter)}", **fields))
    for model in (Event, Section):
        expected = set(model.objects.public(at).values_list("pk", flat=True))
        assert expected, "some rows are public at this moment"
        assert ids_through_sql(model, at) == expected


def test_order_by_follows_the_models_ordering_and_names_columns():
    assert order_by(RelatedLink) == f"{column(RelatedLink, 'position')}, {column(RelatedLink, 'pk')}"
    assert order_by(Event, ["-starts_on", "pk"]) == f"{column(Event, 'starts_on')} DESC, {column(Event, 'pk')}"
    assert column(Event, "section").endswith(connection.ops.quote_name("section_id"))
    assert placeholders([4, 5, 6]) == "%s, %s, %s"
