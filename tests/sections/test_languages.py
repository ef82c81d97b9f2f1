"""The Japanese edition: /ja/ addresses, Japanese text where it is filled in, the English marked where it is not."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client

from sitewide.models import SiteSettings
from tests.factories import make_event, make_page, make_photo, make_section, place_photo
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db

NOTICE = "この部分はまだ日本語に翻訳されていません。英語版を表示しています。"


@pytest.fixture
def overview():
    make_page("Home", slug="home")  # the first page is the home page, at /
    page = make_page(
        "Overview of Japan-U.S. Relations", slug="overview", title_ja="日米関係の概要", body="Intro.", body_ja="序文。"
    )
    translated = make_section(
        page, "Security", slug="security", title_ja="安全保障", body="Alliance text.", body_ja="同盟の本文。"
    )
    untranslated = make_section(page, "Economy", slug="economy", body="Trade text.")
    return page, translated, untranslated


def test_japanese_page_shows_japanese_text_and_marks_the_english_fallback(client, overview):
    response = client.get("/ja/overview/")
    assert response.status_code == 200
    soup = parse(response)
    assert soup.html["lang"] == "ja"
    assert text_of(soup.select_one("h1")) == "日米関係の概要"
    security = soup.select_one("section#security")
    assert "同盟の本文。" in text_of(security) and "Alliance text." not in response.content.decode()
    assert not security.has_attr("lang")
    economy = soup.select_one("section#economy")
    assert economy["lang"] == "en"
    assert "Trade text." in text_of(economy)
    notice = economy.select_one(".untranslated-notice")
    assert text_of(notice) == NOTICE and notice["lang"] == "ja"
    assert soup.select_one('.toc a[href="#economy"]')["lang"] == "en"


def test_with_the_hide_setting_the_untranslated_section_is_left_out(client, overview):
    SiteSettings.objects.create(untranslated_content="hide")
    soup = parse(client.get("/ja/overview/"))
    assert soup.select_one("section#security") is not None
    assert soup.select_one("section#economy") is None
    assert soup.select_one('.toc a[href="#economy"]') is None
    assert "Trade text." not in str(soup)
    # The English page is whole.
    assert parse(client.get("/overview/")).select_one("section#economy") is not None


def test_english_and_japanese_alternate_in_one_process(client, overview):
    # The page tree's queries are compiled once per process: each language must still read its own columns.
    for _ in range(2):
        cache.clear()
        assert "Alliance text." in client.get("/overview/").content.decode()
        assert "同盟の本文。" in client.get("/ja/overview/").content.decode()
        assert "同盟の本文。" not in client.get("/overview/").content.decode()


def test_root_stays_english_for_a_browser_that_prefers_japanese(overview):
    browser = Client(HTTP_ACCEPT_LANGUAGE="ja,en;q=0.5")
    response = browser.get("/")
    assert response.status_code == 200
    assert parse(response).html["lang"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")
    assert response["Content-Language"] == "en"


def test_language_switch_leads_to_the_same_page_in_the_other_language(client, overview):
    soup = parse(client.get("/overview/security/"))
    switch = soup.select_one("nav.language-switch a")
    assert switch["href"] == "/ja/overview/security/" and switch["hreflang"] == "ja"
    soup = parse(client.get("/ja/overview/security/"))
    assert soup.select_one("nav.language-switch a")["href"] == "/overview/security/"


def alternates(soup):
    return {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}


def test_hreflang_pairs_are_symmetric_on_every_public_page_type(client, overview):
    event = make_event(title="Summit", slug="summit", starts_on=datetime.date(2009, 2, 24))
    photo = make_photo(caption="A photo", credit="Someone", alt_text="A view")
    place_photo(photo, section=overview[1])
    for path in ["/overview/", "/overview/security/", event.get_absolute_url(), "/events/", "/search/",
                 "/photo-credits/"]:  # fmt: skip
        english = alternates(parse(client.get(path)))
        japanese = alternates(parse(client.get(f"/ja{path}")))
        assert english == japanese, path
        assert english["en"].endswith(path) and english["ja"].endswith(f"/ja{path}")
        assert english["x-default"] == english["en"]


def test_open_graph_and_json_ld_name_the_language(client, overview):
    soup = parse(client.get("/ja/overview/"))
    assert soup.select_one('meta[property="og:locale"]')["content"] == "ja_JP"
    assert soup.select_one('meta[property="og:locale:alternate"]')["content"] == "en_US"
    assert '"inLanguage": "ja"' in str(soup.select_one('script[type="application/ld+json"]'))


def test_english_and_japanese_pages_never_share_a_cached_copy(client, overview, page_cache):
    assert "Alliance text." in client.get("/overview/").content.decode()
    japanese = client.get("/ja/overview/")
    assert "同盟の本文。" in japanese.content.decode()
    assert client.get("/overview/")["ETag"] != japanese["ETag"]
    assert "Alliance text." in client.get("/overview/").content.decode()


def test_untranslated_event_in_a_list_is_marked(client, overview):
    make_event(section=overview[1], title="Summit", slug="summit", starts_on=datetime.date(2009, 2, 24))
    make_event(section=overview[1], title="Talks", title_ja="会談", slug="talks", starts_on=datetime.date(2009, 3, 1))
    soup = parse(client.get("/ja/events/"))
    items = {text_of(li.select_one(".event-summary__title")): li for li in soup.select(".event-summary")}
    assert items["Summit"]["lang"] == "en" and items["Summit"].select_one(".untranslated-notice")
    assert not items["会談"].has_attr("lang")


def test_photo_caption_untranslated_falls_back_marked(client, overview):
    photo = make_photo(caption="Leaders", credit="Photo desk", alt_text="Two leaders")
    place_photo(photo, section=overview[1])
    figure = parse(client.get("/ja/overview/")).select_one("figure")
    assert figure["lang"] == "en" and figure.select_one(".untranslated-notice")
    photo.caption_ja, photo.credit_ja, photo.alt_text_ja = "首脳", "写真提供", "二人の首脳"
    photo.save()
    figure = parse(client.get("/ja/overview/")).select_one("figure")
    assert not figure.has_attr("lang") and figure.img["alt"] == "二人の首脳"


def test_dates_in_japanese(client):
    make_page("Dated", slug="dated", title_ja="日付", dated=datetime.date(2009, 2, 24))
    make_page("Month", slug="month", title_ja="月", dated=datetime.date(2009, 2, 24), date_precision="month")
    make_page("Year", slug="year", title_ja="年", dated=datetime.date(2009, 2, 24), date_precision="year")
    assert text_of(parse(client.get("/ja/dated/")).select_one(".page__date")) == "2009年2月24日"
    assert text_of(parse(client.get("/ja/month/")).select_one(".page__date")) == "2009年2月"
    assert text_of(parse(client.get("/ja/year/")).select_one(".page__date")) == "2009年"
    assert text_of(parse(client.get("/dated/")).select_one(".page__date")) == "February 24, 2009"


def test_interface_words_are_japanese(client, overview):
    soup = parse(client.get("/ja/overview/"))
    assert text_of(soup.select_one("#contents-title")) == "目次"
    assert "目次に戻る" in [text_of(a) for a in soup.select(".back-to-contents")]
    nav = [text_of(a) for a in soup.select("nav.site-nav a")]
    assert "行事・イベント" in nav and "検索" in nav


def test_404_in_japanese(client):
    response = client.get("/ja/no-such-page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.html["lang"] == "ja"
    assert text_of(soup.select_one("h1")) == "ページが見つかりません"


def test_feeds_in_japanese(client, overview):
    make_event(title="Summit", title_ja="首脳会談", slug="summit", starts_on=datetime.date(2009, 2, 24))
    japanese = client.get("/ja/events/feed.atom").content.decode()
    assert "首脳会談" in japanese and 'xml:lang="ja"' in japanese
    assert "首脳会談" not in client.get("/events/feed.atom").content.decode()
    assert "日米関係の概要" in client.get("/ja/updates.atom").content.decode()
    assert "首脳会談" in client.get("/ja/events/events.ics").content.decode()


def test_sitemap_lists_both_languages_with_alternates(client, overview):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/overview/</loc>" in xml
    assert "<loc>http://testserver/ja/overview/</loc>" in xml
    assert 'hreflang="ja" href="http://testserver/ja/overview/"' in xml
    assert 'hreflang="x-default"' in xml


def test_japanese_fields_are_validated_like_the_english(overview):
    from django.core.exceptions import ValidationError

    section = overview[1]
    section.title_ja = "制御\x01文字"
    with pytest.raises(ValidationError) as refused:
        section.full_clean()
    assert "title_ja" in refused.value.message_dict


def test_japanese_body_is_rendered_into_its_own_column(overview):
    section = overview[1]
    assert section.body_html_en.strip() == "<p>Alliance text.</p>"
    assert section.body_html_ja.strip() == "<p>同盟の本文。</p>"
    assert overview[2].body_html_ja == ""


def test_switch_says_plainly_when_the_japanese_page_is_not_translated(client, overview):
    soup = parse(client.get("/overview/economy/"))
    assert text_of(soup.select_one(".language-switch__note")) == "（日本語版は準備中です）"
    assert parse(client.get("/overview/security/")).select_one(".language-switch__note") is None


def test_footer_in_english_on_a_japanese_page_is_marked(client, overview):
    SiteSettings.objects.create(embassy_name="Embassy of Japan", address="2520 Massachusetts Avenue")
    soup = parse(client.get("/ja/overview/"))
    assert soup.select_one(".site-footer__address")["lang"] == "en"
    japanese = {"embassy_name_ja": "在米国日本国大使館", "address_ja": "マサチューセッツ通り2520"}
    SiteSettings.objects.filter(pk=1).update(**japanese)
    cache.clear()
    soup = parse(client.get("/ja/overview/"))
    assert not soup.select_one(".site-footer__address").has_attr("lang")
    assert "在米国日本国大使館" in text_of(soup.select_one(".site-footer__address"))


def test_publish_gate_asks_for_japanese_alt_text_beside_a_japanese_caption():
    from publishing.gate import photo_problems

    photo = make_photo(caption="Leaders", credit="Photo desk", alt_text="Two leaders", caption_ja="首脳")
    assert photo_problems(photo) == [f"The photograph “{photo}” has a Japanese caption but no Japanese alt text."]
    photo.alt_text_ja = "二人の首脳"
    assert photo_problems(photo) == []


def test_navigation_titles_in_english_on_a_japanese_page_are_marked(client):
    make_page("Overview", slug="overview", title_ja="概要", show_in_navigation=True)
    make_page("Legal", slug="legal", show_in_navigation=True)
    links = {text_of(a): a for a in parse(client.get("/ja/overview/")).select("nav.site-nav a")}
    assert not links["概要"].has_attr("lang") and links["Legal"]["lang"] == "en"
    english = {text_of(a): a for a in parse(client.get("/overview/")).select("nav.site-nav a")}
    assert not english["Overview"].has_attr("lang") and not english["Legal"].has_attr("lang")


def test_footer_labels_in_english_on_a_japanese_page_are_marked(client, overview):
    settings = SiteSettings.objects.create(embassy_name="Embassy of Japan", embassy_name_ja="在米国日本国大使館")
    settings.phone_lines.create(label="Main", label_ja="代表", telephone="202-238-6700")
    settings.phone_lines.create(label="Visa", telephone="202-238-6800")
    settings.footer_links.create(page=overview[0], label="About the overview")
    soup = parse(client.get("/ja/overview/"))
    labels = soup.select(".site-footer__phones dt")
    assert [(text_of(dt), dt.get("lang")) for dt in labels] == [("代表", None), ("Visa", "en")]
    link = soup.select_one('.site-footer__links a[href="/ja/overview/"]')
    assert (text_of(link), link["lang"]) == ("About the overview", "en")
    assert not parse(client.get("/overview/")).select(".site-footer [lang]")


def test_page_dates_are_labelled_in_the_readers_language(client, overview):
    page = overview[0]
    page.publisher, page.dated, page.date_precision = "Embassy of Japan", datetime.date(2009, 2, 1), "month"
    page.save()
    SiteSettings.objects.create(embassy_name="Embassy of Japan in the United States of America")
    english = parse(client.get("/overview/")).select(".page__meta dt")
    assert [text_of(dt) for dt in english] == ["From", "Published", "Last updated"]
    assert text_of(parse(client.get("/overview/")).select_one(".page__date")) == "February 2009"
    japanese = parse(client.get("/ja/overview/")).select(".page__meta dt")
    assert [text_of(dt) for dt in japanese] == ["発行元", "発行日", "最終更新日"]


def test_the_embassy_as_publisher_is_named_in_japanese_on_a_japanese_page(client, overview):
    page = overview[0]
    page.publisher = "Embassy of Japan"
    page.save()
    SiteSettings.objects.create(
        embassy_name="Embassy of Japan in the United States of America", embassy_name_ja="在アメリカ合衆国日本国大使館"
    )
    publisher = parse(client.get("/ja/overview/")).select_one(".page__publisher")
    assert (text_of(publisher), publisher.get("lang")) == ("在アメリカ合衆国日本国大使館", None)
    # Another publisher has no Japanese name on record: shown as written, marked English.
    page.publisher = "Ministry of Foreign Affairs"
    page.save()
    cache.clear()
    publisher = parse(client.get("/ja/overview/")).select_one(".page__publisher")
    assert (text_of(publisher), publisher["lang"]) == ("Ministry of Foreign Affairs", "en")


def test_heading_links_are_named_in_japanese(client, overview):
    soup = parse(client.get("/ja/overview/"))
    link = soup.select_one("#security .section__permalink")
    assert text_of(link) == "1. 安全保障へのリンク"
    assert link["data-copy-label"] == "1. 安全保障へのリンクをコピー"
    assert soup.select_one("#copy-status")["data-copied"] == "リンクをコピーしました"


def test_with_the_hide_setting_an_untranslated_page_has_no_japanese_address(client, overview):
    make_page("Consular fees", slug="fees", body="Fees in dollars.")
    SiteSettings.objects.create(untranslated_content="hide")
    response = client.get("/ja/fees/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".page__title").get_text() == "このページはまだ日本語に翻訳されていません。"
    assert soup.select_one('.prose a[hreflang="en"]')["href"] == "/fees/"
    assert "Fees in dollars." not in response.content.decode() and "Consular fees" not in response.content.decode()
    english = parse(client.get("/fees/"))
    assert [link["hreflang"] for link in english.select('link[rel="alternate"][hreflang]')] == ["en", "x-default"]
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/fees/</loc>" in sitemap and "/ja/fees/" not in sitemap
    # A translated page keeps both addresses, paired.
    assert client.get("/ja/overview/").status_code == 200
    assert "/ja/overview/" in sitemap
    pairs = parse(client.get("/overview/")).select('link[rel="alternate"][hreflang]')
    assert [link["hreflang"] for link in pairs] == ["en", "ja", "x-default"]
