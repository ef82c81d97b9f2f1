"""``check_links`` against a real HTTP server on loopback that answers the ways real sites do."""

import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from contentops.models import CheckedURL, LinkOccurrence, Outcome
from tests.factories import make_event, make_link, make_page, make_section
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db

TIMEOUT = "0.5"  # seconds; the slow answer below takes far longer
SLOW_SECONDS = 5


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_HEAD(self):
        self.answer(with_body=False)

    def do_GET(self):
        self.answer(with_body=True)

    def answer(self, with_body):
        server = self.server
        path = self.path.split("?")[0]
        with server.lock:
            server.requests.append((self.command, self.path))
            server.in_flight += 1
            server.most_in_flight = max(server.most_in_flight, server.in_flight)
        try:
            if path in ("/ok", "/fine"):
                self.reply(200, with_body)
            elif path == "/moved":
                self.reply(301, with_body, location="/ok")
            elif path == "/moved-twice":
                self.reply(302, with_body, location="/moved")
            elif path == "/missing":
                self.reply(404, with_body)
            elif path == "/broken":
                self.reply(500, with_body)
            elif path == "/slow":
                server.stopping.wait(SLOW_SECONDS)  # ends early when the test is over
                self.reply(200, with_body)
            elif path == "/no-head":
                self.reply(405 if self.command == "HEAD" else 200, with_body)
            elif path == "/busy":
                time.sleep(0.15)  # long enough for requests to overlap if the checker let them
                self.reply(200, with_body)
            else:
                self.reply(404, with_body)
        except OSError:
            pass  # the checker gave up and closed the connection
        finally:
            with server.lock:
                server.in_flight -= 1

    def reply(self, status, with_body, location=None):
        body = f"status {status}".encode()
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.requests, httpd.lock, httpd.stopping = [], threading.Lock(), threading.Event()
    httpd.in_flight = httpd.most_in_flight = 0
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.stopping.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture
def closed_port_url():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    return f"http://127.0.0.1:{port}/"


@pytest.fixture
def linked_site(server, closed_port_url):
    base = server.base
    page = make_page(title="Links page", slug="links-page")
    section = make_section(
        page,
        title="Section with links",
        slug="with-links",
        body=f"Read [the moved page]({base}/moved) and [the same page again]({base}/moved#part). "
        f"Mail us at <mailto:info@example.org>, or see [the contents](#contents).",
    )
    for position, (title, path) in enumerate(
        [("Fine", "/fine"), ("Missing", "/missing"), ("Broken", "/broken"), ("Slow", "/slow"), ("No HEAD", "/no-head")]
    ):
        make_link(section, title=title, url=f"{base}{path}", position=position)
    make_link(section, title="Closed port", url=closed_port_url, position=9)
    other = make_section(page, title="Another section", slug="another")
    make_link(other, title="Twice moved", url=f"{base}/moved-twice")
    make_event(section=other, title="An event", body=f"Report: [missing]({base}/missing).")
    return page, section, other


def check(*args):
    out = io.StringIO()
    call_command("check_links", "--timeout", TIMEOUT, *args, stdout=out)
    return out.getvalue()


def result(server, path):
    return CheckedURL.objects.get(url=f"{server.base}{path}")


def test_every_answer_is_recorded(server, linked_site, closed_port_url):
    output = check()

    ok = result(server, "/fine")
    assert (ok.outcome, ok.status_code, ok.final_url, ok.redirect_chain) == (Outcome.OK, 200, ok.url, [])
    moved = result(server, "/moved")
    assert (moved.outcome, moved.status_code, moved.final_url) == (Outcome.REDIRECTED, 200, f"{server.base}/ok")
    assert moved.redirect_chain == [{"status": 301, "url": f"{server.base}/moved"}]
    twice = result(server, "/moved-twice")
    assert [hop["status"] for hop in twice.redirect_chain] == [302, 301]
    assert twice.final_url == f"{server.base}/ok"
    missing = result(server, "/missing")
    assert (missing.outcome, missing.status_code) == (Outcome.CLIENT_ERROR, 404)
    broken = result(server, "/broken")
    assert (broken.outcome, broken.status_code) == (Outcome.SERVER_ERROR, 500)
    slow = result(server, "/slow")
    assert (slow.outcome, slow.status_code) == (Outcome.NO_RESPONSE, None)
    assert slow.error.startswith("No answer within 0.5 seconds")
    closed = CheckedURL.objects.get(url=closed_port_url)
    assert (closed.outcome, closed.status_code) == (Outcome.NO_RESPONSE, None)
    assert closed.error.startswith("Could not connect")
    no_head = result(server, "/no-head")
    assert (no_head.outcome, no_head.status_code) == (Outcome.OK, 200)
    assert [method for method, path in server.requests if path == "/no-head"] == ["HEAD", "GET"]
    # HEAD first; GET only where HEAD was refused or failed.
    assert [method for method, path in server.requests if path == "/fine"] == ["HEAD"]
    assert all(row.checked_at is not None for row in CheckedURL.objects.all())
    assert "Checked 8 addresses in 10 places" in output
    assert "Broken (4xx): " in output and "No response: " in output


def test_every_place_a_link_appears_is_recorded(server, linked_site):
    page, section, other = linked_site
    check()
    moved = result(server, "/moved")
    # The fragment does not make another address; mailto: and in-page links are not checked.
    assert sorted((o.kind, o.section_id, o.link_text) for o in moved.occurrences.all()) == [
        (LinkOccurrence.Kind.SECTION_TEXT, section.pk, "the moved page"),
        (LinkOccurrence.Kind.SECTION_TEXT, section.pk, "the same page again"),
    ]
    missing_places = {(o.kind, o.page_id) for o in result(server, "/missing").occurrences.all()}
    assert missing_places == {(LinkOccurrence.Kind.RELATED_LINK, page.pk), (LinkOccurrence.Kind.EVENT_TEXT, page.pk)}
    assert not CheckedURL.objects.filter(url__startswith="mailto:").exists()


def test_at_most_per_host_requests_at_once(server, db):
    page = make_page()
    section = make_section(page)
    for number in range(6):
        make_link(section, url=f"{server.base}/busy?n={number}", position=number)
    check("--per-host", "2", "--concurrency", "10")
    assert server.most_in_flight == 2
    assert CheckedURL.objects.filter(outcome=Outcome.OK).count() == 6


def test_links_that_are_gone_from_the_content_are_forgotten(server, linked_site):
    page, section, other = linked_site
    check()
    section.related_links.filter(title="Broken").delete()
    check()
    assert not CheckedURL.objects.filter(url=f"{server.base}/broken").exists()
    assert result(server, "/fine").occurrences.count() == 1


def test_bad_options_are_refused(db):
    with pytest.raises(CommandError):
        call_command("check_links", "--timeout", "0", stdout=io.StringIO())


# --------------------------------------------------------------------------------------------------
# What editors see
# --------------------------------------------------------------------------------------------------


def test_admin_lists_broken_and_redirected_links_with_where_they_appear(server, linked_site, staff_client):
    check()
    url = reverse("admin:contentops_checkedurl_changelist")
    soup = parse(staff_client.get(url))
    listed = {text_of(cell).split(" open")[0] for cell in soup.select("td.field-url_link, th.field-url_link")}
    base = server.base
    assert f"{base}/fine" not in listed and f"{base}/no-head" not in listed  # working links are not the point
    assert {f"{base}/moved", f"{base}/moved-twice", f"{base}/missing", f"{base}/broken", f"{base}/slow"} <= listed
    row = next(cell.parent for cell in soup.select(".field-url_link") if f"{base}/missing" in text_of(cell))
    assert "Section with links" in text_of(row) and "An event" in text_of(row)

    def listed_for(**params):
        page = parse(staff_client.get(url, params))
        return {text_of(cell).split(" open")[0] for cell in page.select(".field-url_link")}

    assert listed_for(result=Outcome.CLIENT_ERROR) == {f"{base}/missing"}
    assert listed_for(result=Outcome.SERVER_ERROR) == {f"{base}/broken"}
    assert listed_for(result=Outcome.REDIRECTED) == {f"{base}/moved", f"{base}/moved-twice"}
    assert f"{base}/fine" in listed_for(result="all")
    assert listed_for(result="all", host="127.0.0.1") == {row.url for row in CheckedURL.objects.all()}
    assert listed_for(result="all", page=linked_site[0].pk) == {row.url for row in CheckedURL.objects.all()}
    other_page = make_page(title="No links here")
    assert listed_for(result="all", page=other_page.pk) == set()

    detail = parse(staff_client.get(reverse("admin:contentops_checkedurl_change", args=[result(server, "/moved").pk])))
    assert f"301 from {base}/moved" in text_of(detail) and f"Ends at {base}/ok" in text_of(detail)


def test_section_admin_flags_its_broken_links(server, linked_site, staff_client):
    page, section, other = linked_site
    change_url = reverse("admin:sections_section_change", args=[section.pk])
    assert "Not checked yet." in text_of(parse(staff_client.get(change_url)))
    check()
    soup = parse(staff_client.get(change_url))
    assert "This section has 4 broken links" in text_of(soup.select_one(".messagelist"))
    flagged = text_of(soup.select_one(".field-broken_links"))
    assert f"{server.base}/missing" in flagged and f"{server.base}/broken" in flagged
    assert f"{server.base}/fine" not in flagged and f"{server.base}/moved" not in flagged
    clean = parse(staff_client.get(reverse("admin:sections_section_change", args=[page.pk])))
    assert clean.select_one(".messagelist") is None
    assert "None found by the last link check." not in text_of(clean)  # the page itself has no links


def test_admin_home_shows_links_with_errors(server, linked_site, staff_client):
    panel = parse(staff_client.get(reverse("admin:index"))).select_one("#content-attention")
    assert "Links have not been checked yet" in text_of(panel)
    check()
    panel = parse(staff_client.get(reverse("admin:index"))).select_one("#content-attention")
    assert "Links with errors (4)" in text_of(panel)
    assert f"{server.base}/missing" in text_of(panel) and f"{server.base}/fine" not in text_of(panel)
    assert "2 redirected links" in text_of(panel)
    # The stock admin home is still there below the panel.
    assert parse(staff_client.get(reverse("admin:index"))).select_one("#content-main .app-sections")


def test_checked_links_are_read_only_and_staff_only(server, linked_site, staff_client):
    check()
    row = result(server, "/missing")
    assert staff_client.get(reverse("admin:contentops_checkedurl_add")).status_code == 403
    response = staff_client.post(reverse("admin:contentops_checkedurl_change", args=[row.pk]), {"url": "x"})
    assert response.status_code == 403
    response = Client().get(reverse("admin:contentops_checkedurl_changelist"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
