import json

import pytest

from publishing.models import Status
from sections.models import Section
from tests.factories import make_page, make_photo, make_section, place_photo
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db


def test_header_lists_navigation_pages_events_and_search(client):
    make_page("Overview", slug="overview", show_in_navigation=True)
    make_page("Legal", slug="legal")
    soup = parse(client.get("/overview/"))
    nav = soup.select_one('nav[aria-label="Main"]')
    assert [text_of(a) for a in nav.select("a")] == ["Overview", "Events", "Search"]
    assert nav.select_one("a[aria-current=page]").text == "Overview"
    assert soup.select_one("a.skip-link")["href"] == "#main" and soup.find(id="main")


def test_breadcrumbs_on_every_page_below_home_but_not_on_home(client):
    home = make_page("Overview", slug="overview")
    first = make_section(home, "First", slug="first")
    make_page("Legal", slug="legal")
    assert parse(client.get("/")).select_one(".breadcrumbs") is None
    crumbs = parse(client.get("/legal/")).select(".breadcrumbs li")
    assert [text_of(li) for li in crumbs] == ["Home", "Legal"]
    assert crumbs[-1].select_one("[aria-current=page]")
    # A section of the home page: the home page is "/", so it is the first step, named by its title, once.
    crumbs = parse(client.get(first.get_own_url())).select(".breadcrumbs li")
    assert [text_of(li) for li in crumbs] == ["Overview", "First"]
    assert crumbs[0].a["href"] == "/"
    # Another page's section: Home, the page, the section, each link leading somewhere else.
    terms = make_section(Section.objects.get(slug="legal"), "Terms", slug="terms")
    crumbs = parse(client.get(terms.get_own_url())).select(".breadcrumbs li")
    assert [text_of(li) for li in crumbs] == ["Home", "Legal", "Terms"]
    assert [li.a["href"] for li in crumbs[:2]] == ["/", "/legal/"]


def test_each_section_heading_has_a_permalink_and_back_to_contents(client):
    page = make_page(slug="p")
    section = make_section(page, "First", slug="first", body="Text.")
    make_section(section, "Sub", slug="sub", body="More.")
    soup = parse(client.get("/p/"))
    for anchor in ("first", "sub"):
        block = soup.find(id=anchor)
        heading = block.select_one(".section__heading")
        # One control per heading: a link to the section, named for screen readers (the icon is hidden from them).
        [control] = heading.select("a")
        assert control["href"] == f"#{anchor}"
        assert control.select_one("svg")["aria-hidden"] == "true"
        assert block.select_one(".back-to-contents")["href"] == "#contents"
    assert text_of(soup.find(id="first").select_one(".section__permalink")) == "Link to 1. First"
    # No button in the HTML: copying needs JavaScript, which renames the same link to say so.
    assert soup.select_one("main button") is None
    assert soup.find(id="first").select_one(".section__permalink")["data-copy-label"] == "Copy link to 1. First"
    assert soup.select_one("#contents details[open] summary")


def test_renamed_section_keeps_its_old_anchor(client):
    page = make_page(slug="p")
    section = make_section(page, "Old name", slug="old-name")
    section.title, section.slug = "New name", "new-name"
    section.save()
    section.slug = "newest-name"
    section.save()
    assert Section.objects.get(pk=section.pk).former_slugs == ["old-name", "new-name"]
    soup = parse(client.get("/p/"))
    block = soup.find(id="newest-name")
    assert block.find(id="old-name") is not None and block.find(id="new-name") is not None


def test_former_anchor_never_duplicates_a_current_id(client):
    page = make_page(slug="p")
    renamed = make_section(page, "A", slug="shared")
    renamed.slug = "a"
    renamed.save()
    make_section(page, "B", slug="shared")  # a new section takes the old name
    soup = parse(client.get("/p/"))
    assert len(soup.select("#shared")) == 1
    assert soup.find(id="shared").name == "section"


def test_renaming_back_drops_the_slug_from_the_former_ones():
    page = make_page(slug="p")
    section = make_section(page, slug="one")
    section.slug = "two"
    section.save()
    section.slug = "one"
    section.save()
    assert section.former_slugs == ["two"]


def test_top_level_section_on_its_own_page_with_neighbours(client):
    page = make_page("Overview", slug="overview")
    first = make_section(page, "First", slug="first")
    second = make_section(page, "Second", slug="second", body="Second body.")
    sub = make_section(second, "Second sub", slug="second-sub", body="Sub body.")
    make_section(page, "Hidden", slug="hidden", status=Status.DRAFT)
    third = make_section(page, "Third", slug="third")
    soup = parse(client.get(second.get_own_url()))
    assert second.get_own_url() == "/overview/second/"
    assert [text_of(h) for h in soup.select("h1")] == ["2. Second"]
    assert text_of(soup.select_one("h2.section__title")) == "(1) Second sub"
    assert soup.find(id=sub.slug) and "Sub body." in text_of(soup.main)
    assert "First" not in text_of(soup.select_one(".prose"))
    pager = soup.select_one(".section-pager")
    assert pager.select_one("a[rel=prev]")["href"] == first.get_own_url()
    assert pager.select_one("a[rel=next]")["href"] == third.get_own_url()
    assert "Hidden" not in text_of(pager)
    first_soup = parse(client.get(first.get_own_url()))
    assert first_soup.select_one("a[rel=prev]") is None


def test_hidden_or_nested_sections_have_no_page_of_their_own(client):
    page = make_page(slug="overview")
    draft = make_section(page, slug="draft", status=Status.DRAFT)
    public_under_draft = make_section(draft, slug="child")
    public = make_section(page, slug="public")
    nested = make_section(public, slug="nested")
    assert client.get("/overview/draft/").status_code == 404
    assert client.get(f"/overview/{public_under_draft.slug}/").status_code == 404
    assert client.get(f"/overview/{nested.slug}/").status_code == 404
    hidden_page = make_page(slug="secret", status=Status.DRAFT)
    make_section(hidden_page, slug="s")
    assert client.get("/secret/s/").status_code == 404


def test_old_address_of_a_renamed_section_redirects(client):
    page = make_page(slug="overview")
    section = make_section(page, slug="old")
    section.slug = "new"
    section.save()
    response = client.get("/overview/old/")
    assert response.status_code == 301 and response["Location"] == "/overview/new/"


def test_title_description_canonical_and_sharing_tags(client):
    page = make_page("Overview", slug="overview", summary="All about the relations.")
    make_page("Other", slug="other")  # the home page is the first page: "overview"
    section = make_section(page, "First", slug="first")
    place_photo(make_photo(alt_text="Leaders shaking hands"), section=section)
    soup = parse(client.get("/overview/"))
    assert text_of(soup.title) == "Overview | Embassy of Japan"
    assert soup.select_one("meta[name=description]")["content"] == "All about the relations."
    assert soup.select_one("link[rel=canonical]")["href"] == "http://testserver/"
    image = soup.select_one("meta[property='og:image']")["content"]
    assert image.startswith("http://testserver/media/photos/")
    assert soup.select_one("meta[property='og:image:alt']")["content"] == "Leaders shaking hands"
    assert soup.select_one("meta[name='twitter:card']")["content"] == "summary_large_image"
    assert soup.select_one("meta[property='og:title']")["content"] == "Overview"
    other = parse(client.get("/other/"))
    assert other.select_one("link[rel=canonical]")["href"] == "http://testserver/other/"
    assert text_of(other.title) == "Other | Embassy of Japan"
    assert other.select_one("meta[name='twitter:card']")["content"] == "summary"


def test_section_page_describes_itself_from_its_summary_or_text(client):
    page = make_page("Overview", slug="overview")
    section = make_section(page, "First", slug="first", body="Some **bold** words about the alliance.")
    soup = parse(client.get(section.get_own_url()))
    assert soup.select_one("meta[name=description]")["content"] == "Some bold words about the alliance."
    assert soup.select_one("link[rel=canonical]")["href"] == "http://testserver/overview/first/"
    assert text_of(soup.title) == "1. First – Overview | Embassy of Japan"


def test_page_has_article_json_ld(client):
    page = make_page("Overview <&>", slug="overview", summary="About </script> tags", publisher="Embassy of Japan")
    html = client.get("/overview/").content.decode()
    assert "</script> tags" not in html
    soup = parse(client.get("/overview/"))
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Article"
    assert data["headline"] == "Overview <&>" and data["description"] == "About </script> tags"
    assert data["publisher"]["name"] == "Embassy of Japan"
    assert data["url"] == "http://testserver/"
    assert page.title in text_of(soup.h1)


def test_feeds_and_calendar_are_announced_in_the_head(client):
    make_page(slug="p")
    soup = parse(client.get("/p/"))
    alternates = {link["href"]: link["type"] for link in soup.select("link[rel=alternate][type]")}
    assert alternates == {
        "/events/feed.atom": "application/atom+xml",
        "/updates.atom": "application/atom+xml",
        "/events/events.ics": "text/calendar",
    }


def test_reserved_slug_cannot_name_a_page(staff_client):
    response = staff_client.post(
        "/admin/sections/section/add/",
        {
            "title": "Search",
            "slug": "search",
            "status": "draft",
            "date_precision": "day",
            "treebeard_position": "first-child",
            "treebeard_ref_node": "",
            "photo_placements-TOTAL_FORMS": "0",
            "photo_placements-INITIAL_FORMS": "0",
            "related_links-TOTAL_FORMS": "0",
            "related_links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "already uses" in response.content.decode()
    assert not Section.objects.filter(slug="search").exists()


def test_a_renamed_page_sends_its_old_addresses_to_the_new_ones(client):
    make_page("Home", slug="home")  # the first page is the home page, served at /
    page = make_page("Overview", slug="overview-2009")
    make_section(page, "Security", slug="security")
    page.slug = "overview"
    page.save()
    response = client.get("/overview-2009/")
    assert response.status_code == 301 and response["Location"] == "/overview/"
    response = client.get("/overview-2009/security/")
    assert response.status_code == 301 and response["Location"] == "/overview/security/"
    assert client.get("/overview-2009/security/", follow=True).status_code == 200


def test_a_current_slug_wins_over_a_former_one_and_drafts_send_nobody(client):
    make_page("Home", slug="home")
    renamed = make_page("Renamed", slug="news")
    renamed.slug = "archive"
    renamed.save()
    make_page("News", slug="news")  # a new page takes the old address
    assert client.get("/news/").status_code == 200
    hidden = make_page("Hidden", slug="old-hidden", status=Status.DRAFT)
    hidden.slug = "new-hidden"
    hidden.save()
    assert client.get("/old-hidden/").status_code == 404
    assert client.get("/never-existed/").status_code == 404
