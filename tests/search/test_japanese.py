"""Search in Japanese: words found as a Japanese reader types them, short and long, and ranked; each language
searching its own edition."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import backends
from search.results import search
from sections.models import Section
from sitewide.models import SiteSettings
from tests.factories import make_event, make_page, make_photo, make_section, place_photo
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def japanese_results(client, query):
    soup = parse(client.get("/ja/search/", {"q": query}))
    return [(a.get_text(strip=True), a["href"]) for a in soup.select(".search-result__title a")]


def titles(client, query, prefix="/ja"):
    soup = parse(client.get(f"{prefix}/search/", {"q": query}))
    return [a.get_text(strip=True) for a in soup.select(".search-result__title a")]


@pytest.fixture
def page():
    return make_page("Overview", slug="overview", title_ja="概要")


def test_a_japanese_word_finds_the_japanese_text_at_its_japanese_address(client, page):
    make_section(
        page, "Security", slug="security", title_ja="安全保障", body="The alliance.", body_ja="日米同盟の基礎。"
    )
    make_section(page, "Trade", slug="trade", title_ja="貿易", body="Trade.", body_ja="貿易と投資。")
    soup = parse(client.get("/ja/search/", {"q": "同盟"}))
    results = soup.select(".search-result")
    assert [text_of(li.select_one("h2")) for li in results] == ["安全保障"]
    assert results[0].a["href"] == "/ja/overview/#security"
    assert text_of(results[0].select_one(".search-result__context")) == "章 · 「概要」内"
    assert text_of(results[0].select_one(".search-result__snippet mark")) == "同盟"
    assert "1件" in text_of(soup.select_one(".search__status"))
    # The English edition searches the English text only.
    assert titles(client, "同盟", prefix="") == []
    assert titles(client, "alliance", prefix="") == ["Security"]


def test_short_words_one_and_two_characters_are_found(client, page):
    make_section(page, "A", title_ja="安保", body_ja="安保条約の改定。")
    make_section(page, "B", title_ja="米国", body_ja="米国との対話。")
    make_section(page, "C", title_ja="文化", body_ja="文化交流。")
    assert titles(client, "安保") == ["安保"]
    assert titles(client, "米") == ["米国"]


def test_a_long_compound_matches_as_a_whole_not_its_parts_scattered(client, page):
    make_section(page, "Treaty", title_ja="条約", body_ja="日米安全保障条約の改定について。")
    make_section(page, "Scattered", title_ja="散在", body_ja="日米の間では、条約と安全保障が話題になった。")
    assert titles(client, "日米安全保障条約") == ["条約"]
    # Any part of the compound finds it, as a reader would expect.
    assert titles(client, "保障条約") == ["条約"]
    assert sorted(titles(client, "安全保障")) == ["散在", "条約"]


def test_words_are_not_found_across_word_boundaries(client, page):
    make_section(page, "Tokyo", title_ja="東京", body_ja="東京都の行事。")
    make_section(page, "Kyoto", title_ja="京都", body_ja="京都の行事。")
    assert titles(client, "京都") == ["京都"]


def test_spelling_variants_find_the_same_word(client, page):
    make_section(page, "Digital", title_ja="デジタル", body_ja="デジタル化の協力。")
    assert titles(client, "ﾃﾞｼﾞﾀﾙ") == ["デジタル"]  # half-width katakana, as some phones type it
    assert titles(client, "ＤＸ デジタル") == []  # every term must match
    make_section(page, "Simulation", title_ja="訓練", body_ja="シミュレーションを行った。")
    assert titles(client, "シュミレーション") == ["訓練"]  # a common misspelling Sudachi knows


def test_a_word_being_typed_finds_its_completions(client, page):
    make_section(page, "Alliance", title_ja="同盟関係", body="The alliance endures.")
    assert titles(client, "allian", prefix="") == ["Alliance"]
    assert titles(client, "同盟関") == ["同盟関係"]


def test_title_matches_rank_above_body_matches_in_japanese(client, page):
    make_section(page, "Body", title_ja="その他", body_ja="経済について一度だけ触れる。")
    make_section(page, "Title", title_ja="経済関係", body_ja="経済協力。")
    assert titles(client, "経済") == ["経済関係", "その他"]


def test_events_and_photographs_are_found_in_japanese(client, page):
    section = make_section(page, "Security", slug="security", title_ja="安全保障")
    make_event(section, "Summit", title_ja="首脳会談", location="Washington", location_ja="ワシントン")
    place_photo(
        make_photo(
            caption="Signing", caption_ja="首脳会談の署名式", alt_text_ja="署名する二人", credit_ja="写真：共同"
        ),
        section=section,
    )
    found = dict(japanese_results(client, "首脳会談"))
    assert set(found) == {"首脳会談", "首脳会談の署名式"}
    assert found["首脳会談の署名式"] == "/ja/overview/#security"
    soup = parse(client.get("/ja/search/", {"q": "首脳会談"}))
    contexts = {
        li.h2.get_text(strip=True): text_of(li.select_one(".search-result__context"))
        for li in soup.select(".search-result")
    }
    assert contexts["首脳会談"].startswith("行事 · ") and contexts["首脳会談"].endswith("、ワシントン")
    assert contexts["首脳会談の署名式"] == "写真 · 「安全保障」内"


def test_untranslated_content_follows_the_site_setting(client, page):
    make_section(page, "Futenma relocation", slug="futenma", body="Futenma Air Station.")
    make_section(page, "Translated", title_ja="普天間", body="Futenma again.", body_ja="普天間飛行場。")
    # Shown in English: a Japanese search also finds the English of what is not translated yet, marked so.
    soup = parse(client.get("/ja/search/", {"q": "futenma"}))
    results = soup.select(".search-result")
    assert [text_of(li.h2) for li in results] == ["Futenma relocation"]
    assert results[0].h2["lang"] == "en" and "日本語版は準備中です" in text_of(results[0])
    assert titles(client, "普天間") == ["普天間"]
    # Left out: only the Japanese edition is searched.
    SiteSettings.objects.create(untranslated_content="hide")
    assert titles(client, "futenma") == []
    assert titles(client, "普天間") == ["普天間"]


def test_above_the_ranking_bound_the_newest_matches_and_every_title_match_are_ranked(client, page, monkeypatch):
    make_section(page, "Old", title_ja="古い", body_ja="経済の話。")
    make_section(page, "Title", title_ja="経済", body_ja="本文。")
    make_section(page, "New 1", title_ja="新一", body_ja="経済の話。")
    make_section(page, "New 2", title_ja="新二", body_ja="経済の話。")
    assert titles(client, "経済") == ["経済", "古い", "新一", "新二"]
    monkeypatch.setattr(backends, "MAX_RANKED", 2)
    # The oldest match in a body alone is left unscored; the title match, however old, is still first.
    assert titles(client, "経済") == ["経済", "新一", "新二"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=80))
def test_any_query_in_either_language_gives_results_or_none_never_an_error(page, query):
    if not Section.objects.filter(slug="alliance").exists():
        make_section(page, "Alliance", slug="alliance", title_ja="同盟", body="The alliance.", body_ja="日米同盟。")
    for language in ("en", "ja"):
        results = search(query, language=language)
        assert len(results) <= 1
        assert all(result.url.startswith(("/overview/", "/ja/overview/")) for result in results[:20])
