import pytest
from django.test import Client

from .stack import start_stack


@pytest.fixture(scope="session")
def production_stack(tmp_path_factory):
    """nginx → gunicorn → Django with production settings on loopback, shared by the tests that only read
    from it or write where no other test looks."""
    stack = start_stack(tmp_path_factory.mktemp("production-stack"))
    yield stack
    stack.stop()


@pytest.fixture
def visitor(settings):
    """A visitor as production answers them: error pages, never a traceback raised into the test."""
    settings.DEBUG = False
    return Client(raise_request_exception=False)


@pytest.fixture
def staff(staff_client, settings):
    """Staff, answered as production answers them."""
    settings.DEBUG = False
    staff_client.raise_request_exception = False
    return staff_client
