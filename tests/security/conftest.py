import pytest

from .stack import start_stack


@pytest.fixture(scope="session")
def production_stack(tmp_path_factory):
    """nginx → gunicorn → Django with production settings on loopback, shared by the tests that only read
    from it or write where no other test looks."""
    stack = start_stack(tmp_path_factory.mktemp("production-stack"))
    yield stack
    stack.stop()
