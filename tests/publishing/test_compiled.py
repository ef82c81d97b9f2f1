"""A query compiled once selects what the ORM selects, whatever values it is given later."""

import datetime

import pytest
from django.db.models import Value
from django.utils import timezone

from events.models import Event
from publishing.compiled import CompiledQuery, CompiledRows
from publishing.models import Status
from sections.models import Section
from sections.tree import PUBLIC_EVENTS, PUBLIC_SECTIONS
from tests.factories import make_event, make_page, make_section

pytestmark = pytest.mark.django_db

MOMENT = timezone.make_aware(datetime.datetime(2030, 5, 1, 12, 0, 0))
SECOND = datetime.timedelta(seconds=1)
MOMENTS = [MOMENT - SECOND, MOMENT, MOMENT + SECOND, MOMENT + datetime.timedelta(days=400)]


@pytest.fixture
def scheduled_page():
    page = make_page(title="Page")
    starts = make_section(page, title="Starts", publish_at=MOMENT)
    make_section(starts, title="Under the one that starts")
    make_section(page, title="Ends", unpublish_at=MOMENT + SECOND)
    make_section(make_section(page, title="Draft", status=Status.DRAFT), title="Under the draft")
    make_event(section=starts, title="Event that starts", publish_at=MOMENT + SECOND)
    make_event(section=page, title="Event that ends", unpublish_at=MOMENT)
    return page


@pytest.mark.parametrize("at", MOMENTS)
def test_the_compiled_sections_are_the_orms_at_every_boundary(scheduled_page, at):
    compiled = [section.title for section in PUBLIC_SECTIONS(at, scheduled_page.pk)]
    orm = list(Section.objects.filter(page=scheduled_page).visible(at).values_list("title", flat=True))
    assert compiled == orm
    assert ("Under the one that starts" in compiled) == (at >= MOMENT)


@pytest.mark.parametrize("at", MOMENTS)
def test_the_compiled_events_are_the_orms_whatever_the_list_of_sections(scheduled_page, at):
    ids = list(Section.objects.values_list("pk", flat=True))
    for some in (ids[:1], ids):  # two lengths of list: two shapes, each compiled once
        compiled = [event.title for event in PUBLIC_EVENTS(at, some)]
        orm = Event.objects.filter(section_id__in=some).public(at).order_by("starts_on", "start_time", "pk")
        assert compiled == [event.title for event in orm]


def test_a_value_the_query_does_not_use_is_refused():
    unused = CompiledQuery(lambda at, slug: Section.objects.public(at))
    with pytest.raises(ValueError, match="does not appear"):
        list(unused(MOMENT, "overview"))


@pytest.mark.parametrize("at", MOMENTS)
def test_compiled_rows_are_the_orms_in_the_order_asked(scheduled_page, at):
    # django-modeltranslation selects a values_list()'s columns in an order of its own: the rows come back in the
    # order the query asked for, converted as the ORM converts them.
    make_page(title="Second page", title_ja="二番目のページ", slug="second")

    def build(moment):
        return Section.objects.pages().public(moment).values_list("pk", "slug", "title_ja", "publish_at", "title_en")

    compiled = CompiledRows(build)
    assert compiled(at) == list(build(at))
    assert [title for _pk, _slug, _ja, _at, title in compiled(at)] == ["Page", "Second page"]


def test_compiled_rows_of_a_union_are_the_orms(scheduled_page):
    def build(moment):
        sections = (
            Section.objects.visible(moment).order_by().annotate(kind=Value(0)).values_list("kind", "title_en", "pk")
        )
        events = Event.objects.public(moment).order_by().annotate(kind=Value(1)).values_list("kind", "title_en", "pk")
        return sections.union(events, all=True).order_by("kind", "pk")

    for at in MOMENTS:
        assert CompiledRows(build)(at) == list(build(at))
