import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from publishing.models import Status
from search.models import SearchDocument
from search.results import search
from search.views import RESULTS_PER_PAGE
from sections.models import Section
from tests.factories import make_event, make_page, make_photo, make_section, place_photo
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def result_titles(client, query, **params):
    soup = parse(client.get("/search/", {"q": query, **params}))
    return [text_of(a) for a in soup.select(".search-result__title a")]


def test_finds_sections_events_and_photo_captions_and_credits(client):
    page = make_page("Overview", slug="overview")
    section = make_section(page, "Security", slug="security", body="The alliance rests on a treaty.")
    make_event(section, "Summit in Washington", summary="Leaders discussed the alliance.")
    place_photo(make_photo(caption="Signing ceremony", credit="Photo: Kyodo alliance archive"), section=section)
    soup = parse(client.get("/search/", {"q": "alliance"}))
    results = {text_of(li.select_one("h2")): li for li in soup.select(".search-result")}
    assert set(results) == {"Security", "Summit in Washington", "Signing ceremony"}
    assert results["Security"].a["href"] == "/overview/#security"
    assert results["Signing ceremony"].a["href"] == "/overview/#security"
    assert text_of(results["Signing ceremony"].select_one(".search-result__context")) == "Photograph · in Security"
    assert "3 results" in text_of(soup.select_one(".search__status"))


def test_terms_are_highlighted_and_text_is_escaped(client):
    page = make_page(slug="p")
    make_section(page, "Tags <b>alliance</b>", body="Writing <script>alert(1)</script> about the img alliance.")
    make_section(page, "Plain", summary="An <img src=x onerror=alert(1)> alliance summary")
    soup = parse(client.get("/search/", {"q": "alliance img"}))
    results = soup.select_one(".search-results")
    assert results.find("img") is None and results.find("b") is None and results.find("script") is None
    assert {mark.get_text().lower() for mark in results.select("mark")} == {"alliance", "img"}
    titles = [a.get_text() for a in results.select(".search-result__title a")]
    assert sorted(titles) == ["Plain", "Tags <b>alliance</b>"]
    snippet = [li for li in results.select(".search-result") if "Plain" in text_of(li.h2)][0]
    shown = snippet.select_one(".search-result__snippet").get_text()
    assert shown == "An <img src=x onerror=alert(1)> alliance summary"
    raw = client.get("/search/", {"q": "alliance img"}).content.decode()
    assert "An &lt;<mark>img</mark> src=x onerror=alert(1)&gt; <mark>alliance</mark> summary" in raw


def test_only_public_content_is_found(client):
    page = make_page(slug="p")
    make_section(page, "Visible findme")
    make_section(page, "Draft findme", status=Status.DRAFT)
    hidden_parent = make_section(page, "Hidden parent", status=Status.DRAFT)
    make_section(hidden_parent, "Orphan findme")
    make_section(page, "Scheduled findme", publish_at=timezone.now() + datetime.timedelta(hours=1))
    make_section(make_page(slug="draft-page", status=Status.DRAFT), "Draft page child findme")
    make_event(title="Public event findme")
    make_event(title="Draft event findme", status=Status.DRAFT)
    place_photo(make_photo(caption="Public photo findme"), section=make_section(page, "Photo holder"))
    place_photo(make_photo(caption="Draft photo findme", status=Status.DRAFT), section=make_section(page, "Holder 2"))
    place_photo(make_photo(caption="Photo in hidden findme"), section=hidden_parent)
    make_photo(caption="Unplaced photo findme")
    assert sorted(result_titles(client, "findme")) == ["Public event findme", "Public photo findme", "Visible findme"]


def test_scheduled_content_appears_when_its_time_comes():
    page = make_page(slug="p")
    make_section(page, "Scheduled findme", publish_at=timezone.now() + datetime.timedelta(hours=1))
    assert list(search("findme")) == []
    later = timezone.now() + datetime.timedelta(hours=2)
    assert [str(result.title_html) for result in search("findme", at=later)] == ["Scheduled <mark>findme</mark>"]


def test_title_matches_rank_above_body_matches(client):
    page = make_page(slug="p")
    make_section(page, "Economic ties", body="Trade is large.")
    make_section(page, "Other", body="Nothing about trade here except one mention of economic matters.")
    make_section(page, "Economic relations overview", body="Economic cooperation is economic.")
    titles = result_titles(client, "economic")
    assert titles[-1] == "Other"


def test_all_words_must_match(client):
    page = make_page(slug="p")
    make_section(page, "Missile defense", body="Ballistic missile defense cooperation.")
    make_section(page, "Missile tests", body="A test of a missile.")
    assert result_titles(client, "missile defense") == ["Missile defense"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 10_000,
        "alliance " * 2_000,
        "!!! ??? ... ---",
        '"unbalanced',
        "NEAR(a b) OR AND NOT * ^ : ( ) { }",
        "col:alliance",
        "\x00\x01",
        "日米関係",
        "a",
        "%_%",
        "🙂",
    ],
)
def test_odd_queries_give_a_results_page(client, query):
    page = make_page(slug="p")
    make_section(page, "Alliance", body="The alliance and 日米関係 today.")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert parse(response).select_one("form[role=search] input[name=q]") is not None


def test_japanese_text_is_found_by_a_word_inside_it(client):
    page = make_page(slug="p")
    make_section(page, "Bilateral", body="戦後の日米関係は同盟を基礎とする。")
    make_section(page, "Unrelated", body="日本の文化")
    soup = parse(client.get("/search/", {"q": "日米関係"}))
    assert [text_of(a) for a in soup.select(".search-result__title a")] == ["Bilateral"]
    assert text_of(soup.select_one(".search-result__snippet mark")) == "日米関係"


def test_short_words_still_match(client):
    page = make_page(slug="p")
    make_section(page, "The G8 summit", body="Leaders met.")
    make_section(page, "Another summit", body="Leaders met again.")
    assert result_titles(client, "G8 summit") == ["The G8 summit"]
    assert result_titles(client, "g8") == ["The G8 summit"]


def test_results_are_paginated(client):
    page = make_page(slug="p")
    for number in range(RESULTS_PER_PAGE + 3):
        make_section(page, f"Treaty {number}")
    soup = parse(client.get("/search/", {"q": "treaty"}))
    assert len(soup.select(".search-result")) == RESULTS_PER_PAGE
    assert soup.select_one(".pagination a[rel=next]")["href"] == "?q=treaty&page=2"
    second = parse(client.get("/search/", {"q": "treaty", "page": "2"}))
    assert len(second.select(".search-result")) == 3
    assert second.select_one("ol.search-results")["start"] == str(RESULTS_PER_PAGE + 1)
    assert client.get("/search/", {"q": "treaty", "page": "banana"}).status_code == 200


def test_empty_query_shows_the_form_without_results(client):
    soup = parse(client.get("/search/"))
    assert text_of(soup.h1) == "Search"
    assert soup.select_one(".search__status") is None
    assert soup.select_one("meta[name=robots]")["content"] == "noindex, follow"


def test_no_results_says_so(client):
    soup = parse(client.get("/search/", {"q": "nothing-like-this"}))
    assert "No results" in text_of(soup.select_one(".search__status"))


def test_index_follows_renames_and_deletions(client):
    page = make_page(slug="p")
    section = make_section(page, "Before", body="Original wording.")
    assert result_titles(client, "original") == ["Before"]
    section.title, section.body = "After", "Revised wording."
    section.save()
    assert result_titles(client, "original") == []
    assert result_titles(client, "revised") == ["After"]
    section.delete()
    assert result_titles(client, "revised") == []
    assert not SearchDocument.objects.filter(kind="section", object_id=section.pk).exists()


def test_rebuild_command_restores_a_lost_index(client):
    page = make_page(slug="p")
    make_section(page, "Rebuilt", body="Durable text.")
    SearchDocument.objects.all().delete()
    assert result_titles(client, "durable") == []
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))
    assert result_titles(client, "durable") == ["Rebuilt"]
    document = SearchDocument.objects.get(title="Rebuilt")
    assert document.get_absolute_url() == Section.objects.get(title="Rebuilt").get_absolute_url()


def test_demo_content_is_searchable(client, demo_site):
    titles = result_titles(client, "Futenma")
    assert titles, "the demo content mentions Futenma"
    assert result_titles(client, "Bettmann")  # a photograph credit


def test_only_what_could_be_shown_is_indexed_and_the_index_follows_publication_and_placement(client):
    page = make_page(slug="p")
    draft = make_section(page, "Draft findme", status=Status.DRAFT)
    photo = make_photo(caption="Library findme")
    # Drafts and photographs waiting in the library are not in the index at all.
    assert not SearchDocument.objects.filter(kind="section", object_id=draft.pk).exists()
    assert not SearchDocument.objects.filter(kind="photo", object_id=photo.pk).exists()
    draft.status = Status.PUBLISHED
    draft.save()
    placement = place_photo(photo, section=draft)
    assert sorted(result_titles(client, "findme")) == ["Draft findme", "Library findme"]
    placement.delete()
    assert result_titles(client, "findme") == ["Draft findme"]
    assert not SearchDocument.objects.filter(kind="photo", object_id=photo.pk).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes and their pending list are PostgreSQL's")
def test_new_documents_go_straight_into_the_postgresql_index():
    # GIN's pending list would be read from start to end by every search until a VACUUM merged it
    # (search/migrations/0004): documents are written into the index itself. gin_clean_pending_list()
    # merges the list and says how many pages it held.
    page = make_page(title="Alliance overview")
    for number in range(5):
        make_section(page, title=f"Alliance {number}", body="The alliance between Japan and the United States.")
    with connection.cursor() as cursor:
        for index in ("search_document_vector", "search_document_title_vector"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            assert cursor.fetchone()[0] == 0, index
