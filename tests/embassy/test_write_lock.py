"""Editors on one SQLite file, each in a thread of their own: slow work that writes nothing never holds the
write lock, and a request that cannot get the lock in time is told to try again (503 with Retry-After).

The suite's SQLite database is in memory; these tests copy it to a real file, with a one-second busy timeout,
and point every new connection at that file while they run. On PostgreSQL the editors share the test database
itself; SQLite's single write lock, and so the "try again" answer, exist on SQLite alone.
"""

import contextlib
import copy
import sqlite3
import threading
import time

import pytest
from django.db import connections
from django.test import Client

from markup import markdown, markdown_worker
from tests.html import form_data
from tests.signin import sign_in_with_second_factor

pytestmark = pytest.mark.django_db(transaction=True)

BUSY_TIMEOUT = 1.0
SLOW_RENDER = 2.5
SLOW_TEXT = "A paragraph that takes a while to render (SLOW)."
PREVIEW = "/markdownx/markdownify/"
EVENT_ADD = "/admin/events/event/add/"


ON_SQLITE = connections["default"].vendor == "sqlite"
sqlite_only = pytest.mark.skipif(not ON_SQLITE, reason="SQLite's single write lock; PostgreSQL locks rows")


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """A database every thread's connection reaches: on SQLite the test database copied to a file."""
    if not ON_SQLITE:
        yield None
        return
    path = tmp_path / "site.sqlite3"
    memory = connections["default"]
    memory.ensure_connection()
    with sqlite3.connect(path) as target:
        memory.connection.backup(target)
    original = connections.settings["default"]
    on_file = copy.deepcopy(original)
    on_file["NAME"] = str(path)
    on_file["OPTIONS"]["timeout"] = BUSY_TIMEOUT
    on_file["OPTIONS"]["init_command"] = on_file["OPTIONS"]["init_command"].replace(
        "busy_timeout=20000", f"busy_timeout={int(BUSY_TIMEOUT * 1000)}"
    )
    connections.settings["default"] = on_file
    connections["default"] = connections.create_connection("default")
    yield path
    connections["default"].close()
    connections.settings["default"] = original
    connections["default"] = memory


@pytest.fixture
def slow_markdown(monkeypatch):
    """Rendering SLOW_TEXT takes SLOW_RENDER seconds, in the request's own thread."""
    convert = markdown_worker.markdown_to_html

    def slow(text):
        if "(SLOW)" in text:
            time.sleep(SLOW_RENDER)
        return convert(text)

    monkeypatch.setattr(markdown_worker, "markdown_to_html", slow)
    markdown._converted.cache_clear()
    yield
    markdown._converted.cache_clear()


def editor(django_user_model, name):
    user = django_user_model.objects.create_superuser(name, f"{name}@example.org", "a-long-test-password")
    client = Client()
    sign_in_with_second_factor(client, user)
    return client


def event_data(client, slug, body="An ordinary body."):
    data = form_data(client.get(EVENT_ADD), "form#event_form")
    data.update({"title": slug, "slug": slug, "starts_on": "2009-02-24", "status": "draft", "body": body})
    return data


class Request(threading.Thread):
    """One request in a thread of its own, with its own database connection; remembers when it ended."""

    def __init__(self, send):
        super().__init__(daemon=True)
        self.send, self.response, self.ended = send, None, None

    def run(self):
        try:
            self.response = self.send()
        finally:
            self.ended = time.monotonic()
            connections.close_all()


def run_while(slow, quick, head_start=0.5):
    """Start ``slow``, then ``quick`` once ``slow`` is under way; wait for both (bounded)."""
    slow.start()
    time.sleep(head_start)
    quick.start()
    for request in (quick, slow):
        request.join(timeout=30)
        assert not request.is_alive()


def test_a_slow_preview_does_not_stop_another_editors_save(shared_database, slow_markdown, django_user_model):
    alice, bob = editor(django_user_model, "alice"), editor(django_user_model, "bob")
    data = event_data(bob, "saved-meanwhile")
    preview = Request(lambda: alice.post(PREVIEW, {"content": SLOW_TEXT}))
    save = Request(lambda: bob.post(EVENT_ADD, data))
    run_while(preview, save)
    assert save.response.status_code == 302
    assert preview.response.status_code == 200 and "takes a while" in preview.response.content.decode()
    assert save.ended < preview.ended - 0.5  # bob did not wait for alice's preview


def test_a_slow_render_on_save_does_not_stop_another_editors_save(shared_database, slow_markdown, django_user_model):
    alice, bob = editor(django_user_model, "alice"), editor(django_user_model, "bob")
    slow_data, quick_data = event_data(alice, "slow-body", body=SLOW_TEXT), event_data(bob, "quick-body")
    slow = Request(lambda: alice.post(EVENT_ADD, slow_data))
    quick = Request(lambda: bob.post(EVENT_ADD, quick_data))
    run_while(slow, quick)
    assert quick.response.status_code == 302 and slow.response.status_code == 302
    assert quick.ended < slow.ended - 0.5


@contextlib.contextmanager
def write_lock_held(path):
    """Another process's writer holding SQLite's write lock for longer than the busy timeout."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@sqlite_only
def test_a_save_that_cannot_get_the_write_lock_is_told_to_try_again(django_user_model, shared_database):
    bob = editor(django_user_model, "bob")
    data = event_data(bob, "try-again")
    with write_lock_held(shared_database):
        started = time.monotonic()
        response = bob.post(EVENT_ADD, data)
        waited = time.monotonic() - started
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "Busy, please try again" in response.content.decode()
    assert BUSY_TIMEOUT <= waited < BUSY_TIMEOUT + 5
    # Sent again once the lock is free, the same form saves.
    assert bob.post(EVENT_ADD, data).status_code == 302


@sqlite_only
def test_requests_whose_session_cannot_be_saved_are_told_to_try_again(django_user_model, shared_database):
    # Every request saves the session (SESSION_SAVE_EVERY_REQUEST), after the view: this used to be a 400.
    bob = editor(django_user_model, "bob")
    with write_lock_held(shared_database):
        response = bob.get("/admin/")
    assert response.status_code == 503 and response["Retry-After"] == "5"


@sqlite_only
def test_the_live_preview_answers_while_another_request_holds_the_write_lock(django_user_model, shared_database):
    # The preview writes nothing, not even the session (embassy.middleware.SessionMiddleware).
    bob = editor(django_user_model, "bob")
    with write_lock_held(shared_database):
        response = bob.post(PREVIEW, {"content": "*x*"})
    assert response.status_code == 200 and response.content.decode() == "<p><em>x</em></p>"
