import os

import pytest

from .cluster import start_cluster


def pytest_collection_modifyitems(config, items):
    """The cluster runs on PostgreSQL: its tests belong to the PostgreSQL pass (make test-postgres), and are
    left out of the SQLite pass rather than skipped there."""
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return
    cluster_tests = [item for item in items if item.get_closest_marker("cluster")]
    if cluster_tests:
        config.hook.pytest_deselected(items=cluster_tests)
        items[:] = [item for item in items if not item.get_closest_marker("cluster")]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    cluster = start_cluster(tmp_path_factory.mktemp("cluster"))
    yield cluster
    cluster.stop()
