import pytest
from django.template.loader import render_to_string

from tests.factories import make_page
from tests.html import text_of

pytestmark = pytest.mark.django_db


def test_not_found_page_has_the_site_chrome_and_a_way_on(client):
    from bs4 import BeautifulSoup

    make_page("Overview", slug="overview", show_in_navigation=True)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert text_of(soup.h1) == "Page not found"
    assert soup.select_one("nav[aria-label=Main]") and soup.select_one("form[role=search]")
    assert text_of(soup.title) == "Page not found | Embassy of Japan"


def test_server_error_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")
    assert "<main" in html and "Something went wrong" in html
