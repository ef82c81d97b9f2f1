"""The production stack (nginx with TLS → gunicorn → Django, DJANGO_DEBUG=0) on loopback, as a browser sees it."""

import gzip
import re
import time
from urllib.parse import quote

import brotli
import pytest

from .stack import STAFF_PASSWORD, STAFF_USERNAME

pytestmark = pytest.mark.deployment

SIX_MONTHS = 15_768_000
STRICT_REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
UNSAFE_SCRIPT_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "data:", "http:", "https:", "*", "blob:"}


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def public_paths(client):
    """One address of every kind of page a visitor can reach, found by following the site's own links."""
    home = client.get("/").soup()
    page = next(a["href"] for a in home.select(".site-nav a") if not a["href"].startswith("/events/"))
    events = client.get("/events/").soup()
    event = next(a["href"] for a in events.select("main a[href^='/events/']") if a["href"] != "/events/")
    return {"home": "/", "page": page, "events": "/events/", "event": event, "not found": "/no-such-page/"}


def assert_observatory_a_plus(response, what):
    """Mozilla HTTP Observatory's tests, scored without any penalty."""
    csp = response.header("Content-Security-Policy")
    assert csp, f"{what}: no Content-Security-Policy"
    directives = csp_directives(csp)
    script_sources = directives.get("script-src", directives.get("default-src"))
    assert script_sources is not None, f"{what}: neither script-src nor default-src"
    assert not UNSAFE_SCRIPT_SOURCES & {source.lower() for source in script_sources}, f"{what}: {script_sources}"
    object_sources = directives.get("object-src", directives.get("default-src"))
    assert object_sources == ["'none'"], f"{what}: object-src {object_sources}"
    assert directives.get("frame-ancestors") == ["'none'"], what
    assert directives.get("base-uri") in (["'none'"], ["'self'"]), what
    assert directives.get("form-action") == ["'self'"], what

    hsts = response.header("Strict-Transport-Security")
    assert hsts, f"{what}: no HSTS"
    max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))
    assert max_age >= SIX_MONTHS and "includesubdomains" in hsts.lower(), f"{what}: {hsts}"

    assert response.header("X-Content-Type-Options") == "nosniff", what
    assert response.header("X-Frame-Options") == "DENY", what
    assert response.header("Referrer-Policy") in STRICT_REFERRER_POLICIES, what
    assert response.header("Cross-Origin-Opener-Policy") == "same-origin", what
    permissions = response.header("Permissions-Policy") or ""
    assert "camera=()" in permissions and "geolocation=()" in permissions, what
    assert response.header("Server") == "nginx", f"{what}: the server should not announce its version"

    for cookie in response.header_list("Set-Cookie"):
        attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
        assert "secure" in attributes, f"{what}: cookie without Secure: {cookie}"
        assert "samesite" in attributes, f"{what}: cookie without SameSite: {cookie}"
        if cookie.startswith("sessionid="):
            assert "httponly" in attributes, f"{what}: session cookie readable by scripts"


def test_every_public_page_type_scores_a_plus(production_stack):
    client = production_stack.client()
    for what, path in public_paths(client).items():
        response = client.get(path)
        assert response.status == (404 if what == "not found" else 200), (what, path)
        assert_observatory_a_plus(response, f"{what} ({path})")


def test_public_pages_allow_no_inline_style_either(production_stack):
    client = production_stack.client()
    for path in public_paths(client).values():
        directives = csp_directives(client.get(path).header("Content-Security-Policy"))
        assert directives["style-src"] == ["'self'"] and directives["img-src"] == ["'self'"]


def test_admin_login_and_a_staff_session_score_a_plus(production_stack):
    client = production_stack.client()
    login_page = client.get(f"{production_stack.admin_url}login/")
    assert login_page.status == 200
    assert_observatory_a_plus(login_page, "admin login")
    csrf_cookie = next(c for c in login_page.header_list("Set-Cookie") if c.startswith("csrftoken="))
    # The markdownx editor reads this cookie from JavaScript, so it must not be HttpOnly.
    assert "httponly" not in csrf_cookie.lower()

    logged_in = client.login()
    assert logged_in.status == 302
    session_cookie = next(c for c in logged_in.header_list("Set-Cookie") if c.startswith("sessionid="))
    assert_observatory_a_plus(logged_in, "login response")
    assert "HttpOnly" in session_cookie and "Secure" in session_cookie and "SameSite=Lax" in session_cookie
    # Staff sessions end two hours after the last request, and when the browser closes.
    assert "Max-Age" not in session_cookie and "expires" not in session_cookie.lower()
    index = client.get(production_stack.admin_url)
    assert index.status == 200 and "Edit the site" in index.text
    assert_observatory_a_plus(index, "admin index")


def test_plain_http_is_redirected_to_https(production_stack):
    response = production_stack.client().get("/events/?page=2", scheme="http")
    assert response.status == 301
    assert response.header("Location") == f"https://127.0.0.1:{production_stack.https_port}/events/?page=2"


def test_media_is_served_by_nginx_and_can_never_run_as_a_page(production_stack):
    client = production_stack.client()
    photo = client.get("/").soup().select_one("figure img")["src"]
    assert photo.startswith("/media/")
    response = client.get(photo)
    assert response.status == 200 and response.header("Content-Type") in ("image/png", "image/jpeg", "image/webp")
    assert response.header("Server") == "nginx"
    assert response.header("X-Content-Type-Options") == "nosniff"
    assert csp_directives(response.header("Content-Security-Policy")) == {"default-src": ["'none'"], "sandbox": []}
    assert "max-age=31536000" in response.header("Strict-Transport-Security")
    assert (production_stack.media_root / photo.removeprefix("/media/")).read_bytes() == response.body

    # A file that slipped into media is still only ever an image, or nothing at all.
    folder = production_stack.media_root / "photos"
    (folder / "smuggled.html").write_text("<script>alert(1)</script>")
    (folder / "smuggled.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    (folder / "smuggled.jpg").write_text("<html><script>alert(1)</script></html>")
    assert client.get("/media/photos/smuggled.html").status == 404
    assert client.get("/media/photos/smuggled.svg").status == 404
    assert client.get("/media/photos/").status == 404  # no listing
    smuggled = client.get("/media/photos/smuggled.jpg")
    assert smuggled.header("Content-Type") == "image/jpeg"
    assert smuggled.header("X-Content-Type-Options") == "nosniff"
    assert "sandbox" in smuggled.header("Content-Security-Policy")
    assert client.request("POST", photo).status in (403, 405)


def test_static_files_are_hashed_compressed_and_cached_for_ever(production_stack):
    client = production_stack.client()
    stylesheet = client.get("/").soup().select_one("link[rel=stylesheet]")["href"]
    assert re.fullmatch(r"/static/embassy/[a-z]+\.[0-9a-f]{12}\.css", stylesheet), stylesheet

    plain = client.get(stylesheet, headers={"Accept-Encoding": "identity"})
    assert plain.status == 200 and plain.header("Content-Encoding") is None
    assert "immutable" in plain.header("Cache-Control") and "max-age=315360000" in plain.header("Cache-Control")
    assert b":root" in plain.body

    gzipped = client.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert gzipped.header("Content-Encoding") == "gzip" and gzip.decompress(gzipped.body) == plain.body
    assert len(gzipped.body) < len(plain.body) / 2

    brotlied = client.get(stylesheet, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert brotlied.header("Content-Encoding") == "br" and brotli.decompress(brotlied.body) == plain.body
    assert "Accept-Encoding" in brotlied.header("Vary")

    # The unhashed name still works, but is cached briefly: it changes with every release.
    unhashed = client.get("/static/embassy/site.css")
    assert unhashed.status == 200 and "immutable" not in unhashed.header("Cache-Control")


def test_unknown_host_gets_the_sites_400_page(production_stack):
    response = production_stack.client().get("/", headers={"Host": "evil.example"})
    assert response.status == 400
    assert "Bad request" in response.soup().h1.get_text()
    assert "Traceback" not in response.text and "ALLOWED_HOSTS" not in response.text


def test_error_pages_show_no_debug_information(production_stack):
    response = production_stack.client().get("/no-such-page/")
    assert response.status == 404
    soup = response.soup()
    assert soup.h1.get_text(strip=True) == "Page not found"
    assert soup.select_one("header.site-header") is not None  # the site's own look
    for leak in ("Traceback", "URLconf", "urlpatterns", "DEBUG", "SECRET_KEY", "Using the URLconf"):
        assert leak not in response.text


def test_bad_requests_get_4xx_never_5xx(production_stack):
    client = production_stack.client()
    # What each should get: a clear refusal, or the page with the bad parameter ignored; never a 500.
    cases = {
        "very long query string": ("/events/?page=" + "9" * 20_000, {414}),
        "long but allowed query": ("/events/?page=" + "x" * 3_000, {200}),
        "non-UTF-8 bytes in the path": ("/%ff%fe%fd/", {404}),
        "non-UTF-8 bytes in the query": ("/events/?page=%ff%fe", {200}),
        "unknown slug": ("/events/no-such-event/", {404}),
        "page number out of range": ("/events/?page=999999999999999999999999", {200}),
        "path traversal": ("/media/../db.sqlite3", {400, 404}),
        "encoded traversal": ("/static/..%2f..%2fdb.sqlite3", {400, 404}),
        "header too large": ("/", {400}),
    }
    for what, (path, expected) in cases.items():
        headers = {"X-Padding": "p" * 20_000} if what == "header too large" else {}
        status = client.get(path, headers=headers).status
        assert status in expected, (what, status)
    too_big = client.request(
        "POST",
        f"{production_stack.admin_url}login/",
        body=b"x" * (30 * 1024 * 1024),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert too_big.status == 413


# A public request that takes longer than this is a way to tie up the app servers.
HOSTILE_REQUEST_SECONDS = 5


def timed(request):
    """``request()``'s response and how many seconds it took."""
    started = time.monotonic()
    response = request()
    return response, time.monotonic() - started


def test_hostile_public_requests_get_a_clear_answer_in_bounded_time(production_stack):
    client = production_stack.client()
    cases = {
        "superscript year": ("GET", "/events/?year=" + quote("²²²²"), {200}),
        "Arabic-Indic year": ("GET", "/events/?year=" + quote("٢٠٠٩"), {200}),
        "year 0": ("GET", "/events/?year=0000", {200}),
        "year 9999": ("GET", "/events/?year=9999", {200}),
        "twenty-digit year": ("GET", "/events/?year=99999999999999999999", {200}),
        "control characters in a search": ("GET", "/search/?q=%0b%01%ef%bf%be", {200}),
        "control characters in a path": ("GET", "/events/%0b%01/", {404}),
        "HEAD search": ("HEAD", "/search/", {200}),
        "HEAD search with a query": ("HEAD", "/search/?q=summit", {200}),
        "HEAD robots.txt": ("HEAD", "/robots.txt", {200}),
        "HEAD events feed": ("HEAD", "/events/feed.atom", {200}),
        "events feed": ("GET", "/events/feed.atom", {200}),
        "updates feed": ("GET", "/updates.atom", {200}),
        "sitemap": ("GET", "/sitemap.xml", {200}),
        "calendar": ("GET", "/events/events.ics", {200}),
    }
    for path in ("/", "/events/"):
        client.get(path)  # warm: a fresh worker loads the templates and the page tree on its first requests
    problems, longest = [], 0.0
    for what, (method, path, expected) in cases.items():
        response, seconds = timed(lambda: client.request(method, path))  # noqa: B023 (called at once)
        longest = max(longest, seconds)
        if response.status not in expected or seconds > HOSTILE_REQUEST_SECONDS:
            problems.append(f"{what}: {method} {path} answered {response.status} in {seconds:.2f} s")
    assert not problems, "\n".join(problems)
    print(f"{len(cases)} hostile public requests, the longest {longest:.3f} s")


def test_a_login_with_an_unsafe_next_lands_on_the_admin_home(production_stack):
    client = production_stack.client()
    login_path = f"{production_stack.admin_url}login/?next=https://evil.example/"
    data = client.form_data(login_path, "form#login-form")
    data.update({"username": STAFF_USERNAME, "password": STAFF_PASSWORD, "next": "https://evil.example/"})
    response = client.post_form(login_path, data)
    assert response.status == 302
    assert response.header("Location") == production_stack.admin_url


def test_hostile_text_and_dates_in_the_admin_are_form_errors(production_stack):
    client = production_stack.client()
    assert client.login().status == 302
    add_path = f"{production_stack.admin_url}events/event/add/"
    for field, value in (("title", "Sum\x0bmit"), ("starts_on", "9999-12-31")):
        data = client.form_data(add_path, "#content-main form")
        data.update({"title": "Summit", "slug": "hostile-summit", "starts_on": "2009-02-24", field: value})
        response, seconds = timed(lambda: client.post_form(add_path, data))  # noqa: B023 (called at once)
        assert response.status == 200 and "errornote" in response.text, (field, response.status)
        assert seconds < HOSTILE_REQUEST_SECONDS
    assert client.get("/events/hostile-summit/").status == 404  # nothing was saved
