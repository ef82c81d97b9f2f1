"""The notices' banner: on every public page, most severe first, from its start to its end, through every cache."""

import datetime
from datetime import timedelta

import pytest
import time_machine
from django.utils import translation

from notices.models import Notice, NoticePage, Severity
from publishing.models import Status
from tests.factories import make_event, make_page, make_section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

START = datetime.datetime(2030, 3, 1, 12, 0, tzinfo=datetime.UTC)
END = START + timedelta(hours=6)
SECOND = timedelta(seconds=1)


def make_notice(title="Typhoon: consular section closed", severity=Severity.EMERGENCY, **fields):
    fields.setdefault("publish_at", START)
    fields.setdefault("status", Status.PUBLISHED)
    return Notice.objects.create(title=title, text="The consular section is closed today.", severity=severity, **fields)


@pytest.fixture
def site():
    page = make_page(title="Overview", slug="overview", show_in_navigation=True)
    section = make_section(page, "Summits", slug="summits")
    make_event(section, title="February summit", slug="february-summit")
    return page


PUBLIC_PAGES = ["/", "/overview/", "/overview/summits/", "/events/", "/events/february-summit/", "/search/",
                "/photo-credits/", "/ja/overview/"]  # fmt: skip


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_notice_appears_at_its_start_and_leaves_at_its_end_on_every_page(client, site, url):
    make_notice(unpublish_at=END)
    with time_machine.travel(START - SECOND, tick=False):
        assert "Typhoon: consular section closed" not in html(client, url)
        assert "Typhoon: consular section closed" not in html(client, url)  # the cached copy
    with time_machine.travel(START, tick=False):
        assert "Typhoon: consular section closed" in html(client, url)
    with time_machine.travel(START + SECOND, tick=False):
        assert "Typhoon: consular section closed" in html(client, url)
    with time_machine.travel(END - SECOND, tick=False):
        assert "Typhoon: consular section closed" in html(client, url)
    with time_machine.travel(END, tick=False):
        assert "Typhoon: consular section closed" not in html(client, url)
    with time_machine.travel(END + SECOND, tick=False):
        assert "Typhoon: consular section closed" not in html(client, url)


def test_publishing_a_notice_shows_it_on_pages_already_cached(client, site):
    with time_machine.travel(START, tick=False):
        assert "Embassy closed" not in html(client, "/overview/")
        notice = make_notice(title="Embassy closed", status=Status.DRAFT)
        assert "Embassy closed" not in html(client, "/overview/")
        notice.status = Status.PUBLISHED
        notice.save()
        assert "Embassy closed" in html(client, "/overview/")


def test_the_most_severe_notice_comes_first(client, site):
    make_notice(title="New passport fees", severity=Severity.INFORMATION)
    make_notice(title="Earthquake in Tohoku", severity=Severity.EMERGENCY)
    make_notice(title="Travel advisory raised", severity=Severity.WARNING)
    with time_machine.travel(START, tick=False):
        page = html(client, "/overview/")
    order = [page.index(title) for title in ("Earthquake in Tohoku", "Travel advisory raised", "New passport fees")]
    assert order == sorted(order)


def test_an_emergency_is_an_alert_and_cannot_be_dismissed(client, site):
    make_notice(title="Earthquake in Tohoku", severity=Severity.EMERGENCY)
    make_notice(title="New passport fees", severity=Severity.INFORMATION)
    with time_machine.travel(START, tick=False):
        page = html(client, "/overview/")
    emergency = page[page.index('class="notice notice--emergency"') :].split("</section>")[0]
    information = page[page.index('class="notice notice--information"') :].split("</section>")[0]
    assert 'role="alert"' in emergency and "data-dismiss" not in emergency
    assert "data-dismiss" in information and 'role="alert"' not in information
    assert "notices/notices.js" in page


def test_a_page_without_notices_loads_no_notice_script(client, site):
    assert "notices.js" not in html(client, "/overview/")
    assert 'class="notices"' not in html(client, "/overview/")


def test_a_notice_limited_to_a_page_shows_only_there(client, site):
    other = make_page(title="Visas", slug="visas")
    notice = make_notice(title="Visa office moved")
    NoticePage.objects.create(notice=notice, page=other)
    with time_machine.travel(START, tick=False):
        assert "Visa office moved" in html(client, "/visas/")
        assert "Visa office moved" not in html(client, "/overview/")
        assert "Visa office moved" not in html(client, "/events/")


def test_the_japanese_page_shows_the_japanese_text(client, site):
    make_notice(title="Typhoon", title_ja="台風のため休館", text_ja="本日は休館します。")
    with time_machine.travel(START, tick=False):
        page = html(client, "/ja/overview/")
        assert "台風のため休館" in page and "本日は休館します。" in page
        assert "台風のため休館" not in html(client, "/overview/")


def test_an_untranslated_notice_is_shown_in_english_marked_so(client, site):
    make_notice(title="Typhoon")
    with time_machine.travel(START, tick=False):
        page = html(client, "/ja/overview/")
    assert '<span lang="en">Typhoon</span>' in page


def test_an_all_clear_replaces_the_notice_it_follows(client, site):
    typhoon = make_notice(title="Typhoon: office closed")
    make_notice(title="All clear: office open", severity=Severity.INFORMATION, follows=typhoon,
                publish_at=START + timedelta(hours=2))  # fmt: skip
    with time_machine.travel(START + timedelta(hours=2) - SECOND, tick=False):
        page = html(client, "/overview/")
        assert "Typhoon: office closed" in page and "All clear" not in page
    with time_machine.travel(START + timedelta(hours=2), tick=False):
        page = html(client, "/overview/")
        assert "Typhoon: office closed" not in page and "All clear: office open" in page


def test_notice_text_is_escaped(client, site):
    make_notice(title="<script>alert(1)</script>")
    with time_machine.travel(START, tick=False):
        page = html(client, "/overview/")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_notice_has_its_own_page_until_it_ends(client, site):
    notice = make_notice(unpublish_at=END)
    with time_machine.travel(START, tick=False):
        assert client.get(notice.get_absolute_url()).status_code == 200
    with time_machine.travel(END, tick=False):
        assert client.get(notice.get_absolute_url()).status_code == 404


def test_a_draft_notice_is_never_shown(client, site):
    make_notice(title="Draft notice", status=Status.DRAFT)
    with time_machine.travel(START, tick=False):
        assert "Draft notice" not in html(client, "/overview/")


def test_a_cached_page_costs_no_query_for_its_banner(client, site, django_assert_num_queries):
    make_notice()
    with time_machine.travel(START, tick=False):
        html(client, "/overview/")
        with django_assert_num_queries(0):
            assert "Typhoon" in html(client, "/overview/")


def test_severity_words_are_translated(client, site):
    make_notice(title="Typhoon", title_ja="台風", text_ja="休館")
    with time_machine.travel(START, tick=False), translation.override("ja"):
        page = html(client, "/ja/overview/")
    assert "緊急" in page


def test_an_uncached_page_with_notices_stays_within_ten_queries(client, site, page_cache):
    from tests.queries import count_render_queries

    other = make_page(title="Visas", slug="visas")
    for severity in Severity:
        notice = make_notice(title=f"Notice {severity.label}", severity=severity)
        NoticePage.objects.create(notice=notice, page=other)
        NoticePage.objects.create(notice=notice, page=site)
    with time_machine.travel(START, tick=False):
        queries = count_render_queries(client, "/overview/", chrome_cached=False)
        assert queries <= 10, queries
        assert "Notice Warning" in html(client, "/overview/")
