import pytest


@pytest.fixture(scope="session", autouse=True)
def live_server_one_request_at_a_time():
    """On SQLite the live server runs one request at a time.

    The test database is in memory there, so Django hands its one connection to the live server's threads.
    Two requests at once (a browser's autocomplete and a stylesheet, say) then interleave their savepoints on
    that connection and break each other's transactions ("no such savepoint"). Connections are still read by
    a thread each: a browser opens some it sends nothing on, which would stall a server that read one at a time.
    On PostgreSQL each thread has a connection of its own, and requests run side by side.
    """
    import threading
    from unittest import mock

    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite":
        yield
        return

    class OneRequestAtATimeServer(ThreadedWSGIServer):
        running = threading.Lock()

        def set_app(self, application):
            def one_at_a_time(environ, start_response):
                with self.running:
                    response = application(environ, start_response)
                    try:
                        return list(response)
                    finally:
                        response.close()  # request_finished, with the connection, inside the lock too

            super().set_app(one_at_a_time)

    with mock.patch.object(LiveServerThread, "server_class", OneRequestAtATimeServer):
        yield


@pytest.fixture(autouse=True)
def isolated_media(settings, tmp_path):
    """Every test writes uploads into its own folder, never into the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    """Staff need a second factor in every test, as in production (DJANGO_DEBUG=0)."""
    settings.ACCOUNTS_REQUIRE_2FA = True


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    from tests.queries import empty_every_cache

    empty_every_cache()
    yield
    empty_every_cache()


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """The public page cache is left out of the middleware: a second request for a page is rendered again.

    A cached copy would hide what a test measures (queries, an edit showing, a draft not leaking). A test
    of the page cache itself, or of what production's whole middleware chain does, asks for ``page_cache``.
    Returns production's middleware list.
    """
    from tests.queries import PAGE_CACHE_MIDDLEWARE

    production = list(settings.MIDDLEWARE)
    assert PAGE_CACHE_MIDDLEWARE in production, "the page cache middleware was renamed: update tests/queries.py"
    settings.MIDDLEWARE = [name for name in production if name != PAGE_CACHE_MIDDLEWARE]
    return production


@pytest.fixture
def page_cache(no_page_cache, settings):
    """The public page cache in front of the site, where production has it."""
    settings.MIDDLEWARE = no_page_cache


@pytest.fixture
def demo_site(db):
    """The full demo content, as `python manage.py load_demo` creates it."""
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")


@pytest.fixture
def staff_client(client, staff_user):
    from tests.signin import sign_in_with_second_factor

    return sign_in_with_second_factor(client, staff_user)


@pytest.fixture
def visitor():
    """An anonymous member of the public, separate from any staff client in the same test."""
    from django.test import Client

    return Client()


def _member_of(django_user_model, username, group_name):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username, f"{username}@example.org", "a-long-test-password")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(django_user_model):
    return _member_of(django_user_model, "eddie", "Editor")


@pytest.fixture
def publisher(django_user_model):
    return _member_of(django_user_model, "pat", "Publisher")


@pytest.fixture
def editor_client(editor):
    from django.test import Client

    from tests.signin import sign_in_with_second_factor

    return sign_in_with_second_factor(Client(), editor)


@pytest.fixture
def publisher_client(publisher):
    from django.test import Client

    from tests.signin import sign_in_with_second_factor

    return sign_in_with_second_factor(Client(), publisher)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, one per test process: Playwright allows one running sync API per thread.

    Playwright's synchronous API keeps an event loop running in this thread, and Django
    refuses ORM calls from a thread with a running loop unless told that this is intended.
    The tests are synchronous and only read or prepare rows between browser steps, so it is.
    """
    import os

    from playwright.sync_api import sync_playwright

    from tests.browser.chromium import launch

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
