import datetime

import pytest

from publishing.models import Status
from tests.factories import make_event, make_link, make_page, make_photo, make_section, place_photo
from tests.html import parse, text_of
from tests.queries import count_render_queries

pytestmark = pytest.mark.django_db


def test_contents_list_every_section_in_order_and_every_link_has_a_target(client):
    page = make_page(slug="overview")
    first = make_section(page, "First", slug="first")
    make_section(first, "First sub", slug="first-sub")
    make_section(page, "Second", slug="second")
    soup = parse(client.get("/overview/"))
    contents = [text_of(a) for a in soup.select("#contents a")]
    assert contents == ["1. First", "(1) First sub", "2. Second"]
    headings = [text_of(h) for h in soup.select(".section__title")]
    assert headings == contents
    for link in soup.select("#contents a"):
        assert soup.find(id=link["href"].lstrip("#")) is not None


def test_headings_follow_the_tree(client):
    page = make_page(title="The page", slug="p")
    make_section(make_section(page, "Section"), "Subsection")
    soup = parse(client.get("/p/"))
    assert [h.name for h in soup.select("h1")] == ["h1"]
    assert text_of(soup.find("h2", class_="section__title")) == "1. Section"
    assert text_of(soup.find("h3", class_="section__title")) == "(1) Subsection"


def test_anchors_are_unique_on_the_page(client, demo_site):
    soup = parse(client.get("/"))
    ids = [element["id"] for element in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_figure_has_alt_caption_and_credit(client):
    page = make_page(slug="p")
    section = make_section(page)
    place_photo(
        make_photo(
            caption="Leaders meet", credit="Photo: Cabinet Public Relations Office", alt_text="Two leaders shake hands"
        ),
        section=section,
    )
    figure = parse(client.get("/p/")).find("figure")
    assert figure.img["alt"] == "Two leaders shake hands"
    assert figure.img["width"] and figure.img["height"]
    assert "Leaders meet" in text_of(figure.figcaption)
    assert "Photo: Cabinet Public Relations Office" in text_of(figure.figcaption)


def test_related_links_render_in_order_at_the_end_of_their_section(client):
    page = make_page(slug="p")
    section = make_section(page, slug="s")
    make_link(section, "Second link", "https://b.example/", position=2)
    make_link(section, "First link", "https://a.example/", position=1)
    links = parse(client.get("/p/")).select("#s .related-links a")
    assert [(text_of(a), a["href"]) for a in links] == [
        ("First link", "https://a.example/"),
        ("Second link", "https://b.example/"),
    ]


def test_events_are_shown_in_their_section_in_date_order(client):
    page = make_page(slug="p")
    section = make_section(page, slug="s")
    make_event(section, "Later", datetime.date(2009, 2, 24))
    make_event(section, "Earlier", datetime.date(2009, 2, 17))
    make_event(section, "Draft", datetime.date(2009, 2, 20), status=Status.DRAFT)
    soup = parse(client.get("/p/"))
    assert [text_of(a) for a in soup.select("#s .event-summary__title")] == ["Earlier", "Later"]
    assert soup.select_one("#s time")["datetime"] == "2009-02-17"


def test_page_header_shows_publisher_and_date(client):
    make_page(
        title="Overview",
        slug="p",
        publisher="Embassy of Japan",
        dated=datetime.date(2009, 2, 1),
        date_precision="month",
    )
    soup = parse(client.get("/p/"))
    assert text_of(soup.h1) == "Overview"
    assert text_of(soup.select_one(".page__publisher")) == "Embassy of Japan"
    time = soup.select_one(".page__date time")
    assert time["datetime"] == "2009-02-01" and text_of(time) == "February 2009"


def test_draft_page_is_not_found(client):
    make_page(slug="secret", status=Status.DRAFT)
    assert client.get("/secret/").status_code == 404


def test_unknown_page_is_not_found(client):
    assert client.get("/no-such-page/").status_code == 404


def test_body_html_is_sanitised_on_the_page(client):
    page = make_page(slug="p")
    make_section(page, body="Hello <script>alert('x')</script> [x](javascript:alert(1))")
    html = client.get("/p/").content.decode()
    assert "alert(" not in html


def test_titles_are_escaped(client):
    page = make_page(slug="p")
    make_section(page, title="<b>Bold</b> & co")
    html = client.get("/p/").content.decode()
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in html


def grow_site(page, factor):
    """Add ``factor`` times more sections, photos, links and events under ``page``."""
    for index in range(factor * 4):
        section = make_section(page, f"Extra {index}")
        sub = make_section(section, f"Extra sub {index}")
        place_photo(make_photo(caption=f"Photo {index}"), section=sub)
        make_link(sub, f"Link {index}", f"https://example.org/{index}")
        make_event(sub, f"Event {index}")


def test_overview_renders_in_a_fixed_number_of_queries(client, demo_site, page_cache):
    from sections.models import Section

    url = "/overview-of-japan-us-relations/"
    demo = [count_render_queries(client, url, chrome_cached=chrome_cached) for chrome_cached in (True, False)]
    grow_site(Section.objects.get(slug="overview-of-japan-us-relations", depth=1), factor=10)
    assert [count_render_queries(client, url, chrome_cached=chrome_cached) for chrome_cached in (True, False)] == demo
    # Six queries, plus the savepoint that every request's transaction opens and releases; cold, four
    # more for the header and footer and one for the schedule.
    assert demo == [8, 13]
