import pytest
from django.core.management import call_command

from closures.models import Closure
from events.models import Event
from photos.models import Photo
from sections.models import RelatedLink, Section
from sitewide.models import SiteSettings
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db

OVERVIEW = "overview-of-japan-us-relations"


def overview():
    return Section.objects.get(slug=OVERVIEW, depth=1)


def test_demo_has_the_four_sections_and_every_subsection(demo_site):
    page = overview()
    top = [section.title for section in Section.objects.get_children(page)]
    assert top == [
        "Current State of Japan-U.S. Relations",
        "Japan-U.S. Security Relationship",
        "Japan-U.S. Economic Relations",
        "Japan-U.S. Cooperation on Global Issues",
    ]
    subsections = {
        section.title: [child.title for child in Section.objects.get_children(section)]
        for section in Section.objects.get_children(page)
    }
    assert subsections["Current State of Japan-U.S. Relations"] == [
        "Summit Meetings between Prime Minister Aso and President Obama",
        "Meeting between Foreign Minister Nakasone and Secretary of State Clinton",
    ]
    assert len(subsections["Japan-U.S. Security Relationship"]) == 3
    assert subsections["Japan-U.S. Economic Relations"] == [
        "Overview",
        "Japan-US Relationship under the new US Administration",
    ]
    assert len(subsections["Japan-U.S. Cooperation on Global Issues"]) == 5


def test_demo_has_the_dated_events(demo_site):
    dates = {(event.starts_on.isoformat(), event.section.page.slug) for event in Event.objects.all()}
    for day in ["2009-02-24", "2009-02-17", "2007-12-17", "2005-02-19", "2005-10-29", "2006-05-01", "2007-05-01"]:
        assert (day, OVERVIEW) in dates


def test_demo_has_every_related_and_more_information_link(demo_site):
    urls = set(RelatedLink.objects.values_list("url", flat=True))
    assert {
        "http://www.mofa.go.jp/announce/announce/2007/6/1174181_828.html",
        "http://www.mofa.go.jp/region/n-america/us/index.html",
        "http://www.mofa.go.jp/region/n-america/us/relation.html",
        "http://www.mofa.go.jp/region/n-america/us/security/scc/index.html",
        "http://www.mofa.go.jp/region/n-america/us/security/index.html",
        "http://www.mod.go.jp/e/index_.htm",
        "http://www.mofa.go.jp/region/n-america/us/economy/proposal0901.pdf",
        "http://www.us.emb-japan.go.jp/english/html/profile/statistics.htm",
    } <= urls


def test_demo_photographs_carry_captions_credits_and_alt_text(demo_site):
    credits = {photo.caption: photo.credit for photo in Photo.objects.all()}
    assert credits["The Signing of the San Francisco Peace Treaty"] == "Bettmann/CORBIS/Corbis Japan"
    assert "Photo: Cabinet Public Relations Office" in credits.values()
    assert "Photo: Ministry of Foreign Affairs" in credits.values()
    assert any("World GDP in 2007" in caption for caption in credits)
    assert all(photo.alt_text and photo.is_placeholder and photo.width for photo in Photo.objects.all())


def test_demo_footer(demo_site, client):
    settings = SiteSettings.load()
    assert [(line.label, line.telephone, line.fax) for line in settings.phone_lines.all()] == [
        ("Main", "202-238-6700", "202-328-2187"),
        ("Visa", "202-238-6800", "202-328-2184"),
    ]
    footer = parse(client.get("/")).find("footer")
    assert "2520 Massachusetts Avenue" in text_of(footer)
    assert "Copyright" in text_of(footer)
    assert [text_of(a) for a in footer.select(".site-footer__links a")] == [
        "Legal Matters",
        "About Accessibility",
        "Privacy Policy",
        "Contact and closures",
        "Photo credits",
        "E-mail alerts",
    ]
    for link in footer.select(".site-footer__links a"):
        assert client.get(link["href"]).status_code == 200


def test_loading_twice_creates_nothing_new(demo_site):
    counts = [model.objects.count() for model in (Section, Event, Photo, RelatedLink, Closure)]
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert [model.objects.count() for model in (Section, Event, Photo, RelatedLink, Closure)] == counts


def test_if_empty_leaves_an_existing_site_alone(db):
    from tests.factories import make_page

    make_page()
    call_command("load_demo", "--if-empty", stdout=open("/dev/null", "w"))
    assert Section.objects.count() == 1


def test_home_page_is_the_overview(demo_site, client):
    soup = parse(client.get("/"))
    assert text_of(soup.h1) == "Overview of Japan-U.S. Relations"
    assert "Embassy of Japan" in text_of(soup.select_one(".page__meta"))
    assert len(soup.select("#contents a")) == 16
    assert len(soup.select("figure")) == 5
