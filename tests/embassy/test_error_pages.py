"""400, 403, 404 and 500 pages in the site's look, without a trace of the site's internals."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import Client

from tests.factories import make_page
from tests.html import text_of

pytestmark = pytest.mark.django_db

LEAKS = ["Traceback", "SECRET_KEY", "secret internals", "settings.py", "DEBUG", "URLconf", "RuntimeError"]


@pytest.fixture
def production_mode(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["www.embassy.example", "testserver"]
    settings.ROOT_URLCONF = "tests.security.urls_failing"
    return settings


@pytest.fixture
def visitor(production_mode):
    return Client(raise_request_exception=False)


def parse_html(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def assert_site_error_page(response, status, heading):
    assert response.status_code == status
    soup = parse_html(response)
    assert text_of(soup.h1) == heading
    assert soup.select_one("header.site-header") and soup.select_one("footer.site-footer")
    assert soup.find("link", rel="stylesheet")
    assert "Embassy of Japan" in text_of(soup.select_one(".site-header__name"))
    for leak in LEAKS:
        assert leak not in response.content.decode(), leak


def test_unknown_host_gets_400(visitor):
    response = visitor.get("/", HTTP_HOST="evil.example")
    assert_site_error_page(response, 400, "Bad request")


def test_unknown_page_gets_404_with_the_navigation_and_a_way_on(visitor):
    make_page("Overview", slug="overview", show_in_navigation=True)
    response = visitor.get("/no-such-page/")
    assert_site_error_page(response, 404, "Page not found")
    soup = parse_html(response)
    assert "Overview" in text_of(soup.select_one("nav.site-nav"))
    assert soup.select_one("nav[aria-label=Main]") and soup.select_one("form[role=search]")
    assert text_of(soup.title) == "Page not found | Embassy of Japan"


def test_forbidden_gets_403(visitor):
    assert_site_error_page(visitor.get("/test-forbidden/"), 403, "Not allowed")


def test_a_crash_gets_500_without_details(visitor):
    assert_site_error_page(visitor.get("/test-crash/"), 500, "Something went wrong")


def test_the_500_page_needs_no_database(production_mode, rf, django_assert_num_queries):
    """The database may be the reason for the error: the page is drawn without a single query."""
    from embassy.errors import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert_site_error_page(response, 500, "Something went wrong")


def test_the_500_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "<main" in html and "Something went wrong" in html


def test_a_form_without_csrf_token_gets_a_clear_403(production_mode):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/markdownx/markdownify/", {"content": "x"})
    assert_site_error_page(response, 403, "The form could not be sent")
    assert "reload the page" in response.content.decode()


def test_error_pages_carry_the_security_headers(visitor):
    response = visitor.get("/test-crash/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_refused_requests_are_logged(visitor, caplog):
    caplog.set_level("WARNING")
    visitor.get("/", HTTP_HOST="evil.example")
    visitor.get("/no-such-page/")
    visitor.get("/events/?page=" + "9" * 40_000)
    visitor.get("/test-crash/")
    logged = [(record.name, record.levelname) for record in caplog.records]
    assert ("django.security.DisallowedHost", "ERROR") in logged
    assert ("django.request", "WARNING") in logged  # the 404
    assert ("embassy.middleware", "WARNING") in logged  # the query string
    assert ("django.request", "ERROR") in logged  # the 500, with its traceback, in the log only
