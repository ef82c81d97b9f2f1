"""One rule for sections: public when it and every section above it are public, at the exact moment."""

import datetime

import pytest
from django.utils import timezone

from publishing.models import Status
from sections.models import Section
from tests.factories import make_page, make_section

pytestmark = pytest.mark.django_db

MOMENT = timezone.make_aware(datetime.datetime(2030, 5, 1, 12, 0, 0))
SECOND = datetime.timedelta(seconds=1)


def visible_titles(at=None):
    return set(Section.objects.visible(at).values_list("title", flat=True))


def test_a_published_subsection_under_a_draft_section_stays_hidden():
    page = make_page(title="Page")
    draft = make_section(page, title="Draft", status=Status.DRAFT)
    make_section(draft, title="Under the draft")
    make_section(make_section(page, title="Public"), title="Under the public one")
    assert visible_titles() == {"Page", "Public", "Under the public one"}


def test_a_hidden_page_hides_everything_on_it():
    page = make_page(title="Page", status=Status.REVIEW)
    make_section(make_section(page, title="Section"), title="Subsection")
    assert visible_titles() == set()


def test_a_scheduled_ancestor_hides_its_subtree_until_the_second_it_starts():
    page = make_page(title="Page")
    scheduled = make_section(page, title="Scheduled", publish_at=MOMENT)
    make_section(scheduled, title="Below")
    assert visible_titles(MOMENT - SECOND) == {"Page"}
    assert visible_titles(MOMENT) == {"Page", "Scheduled", "Below"}


def test_an_ancestor_that_ends_takes_its_subtree_with_it_at_that_second():
    page = make_page(title="Page", unpublish_at=MOMENT)
    make_section(page, title="Section")
    assert visible_titles(MOMENT - SECOND) == {"Page", "Section"}
    assert visible_titles(MOMENT) == set()


def test_a_section_knows_it_is_visible_by_the_same_rule():
    page = make_page(status=Status.DRAFT)
    section = make_section(page)
    assert not section.is_visible_to_public()
    Section.objects.filter(pk=page.pk).update(status=Status.PUBLISHED)
    assert section.is_visible_to_public()


def test_sibling_pages_with_similar_paths_do_not_hide_each_other():
    """A hidden page must not hide sections of another page whose path merely starts alike."""
    make_page(title="Hidden", status=Status.DRAFT)
    pages = [make_page(title=f"Page {n}") for n in range(12)]
    make_section(pages[-1], title="Deep")
    assert "Deep" in visible_titles()
