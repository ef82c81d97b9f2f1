"""Throughput of the cluster (nginx → 1 or 2 gunicorn app servers → PostgreSQL + Redis) on this machine.

    DATABASE_URL=$(scripts/test-postgres.sh start) .venv/bin/python bench/cluster_throughput.py

Starts the same cluster as tests/deployment/test_cluster.py, once with one app server and once with two,
and for each counts the requests per second that CLIENTS keep-alive HTTPS connections get for the overview
page: through nginx's micro-cache (what a burst of visitors gets), and past every cache (a session cookie,
as staff send, so that neither nginx nor the page cache answers: each request is rendered by an app server,
with its queries to PostgreSQL). A query string of its own no longer does that: the page cache ignores
parameters a page does not read.
"""

import http.client
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.deployment.cluster import start_cluster  # noqa: E402

CLIENTS = 16
SECONDS = 10


def measure(cluster, unique):
    counts = [0] * CLIENTS
    errors = [0] * CLIENTS
    deadline = time.monotonic() + SECONDS

    def run(number):
        connection = http.client.HTTPSConnection("127.0.0.1", cluster.https_port, context=cluster.ssl_context())
        index = 0
        while time.monotonic() < deadline:
            index += 1
            headers = {"Cookie": f"sessionid=bench-{number}-{index}"} if unique else {}
            try:
                connection.request("GET", "/", headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    counts[number] += 1
                else:
                    errors[number] += 1
            except (OSError, http.client.HTTPException):
                errors[number] += 1
                connection.close()
                connection = http.client.HTTPSConnection("127.0.0.1", cluster.https_port, context=cluster.ssl_context())
        connection.close()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 60)
    return sum(counts) / SECONDS, sum(errors)


def main():
    print(f"{CLIENTS} clients, {SECONDS} s each, overview page `/` over HTTPS through nginx")
    print("| app servers | micro-cached (req/s) | past nginx's cache (req/s) | errors |")
    print("| --- | --- | --- | --- |")
    for servers in (("a",), ("a", "b")):
        with tempfile.TemporaryDirectory(prefix="embassy-cluster-bench-") as folder:
            cluster = start_cluster(Path(folder) / "cluster", app_servers=servers)
            try:
                measure(cluster, unique=False)  # warm-up
                cached, cached_errors = measure(cluster, unique=False)
                uncached, uncached_errors = measure(cluster, unique=True)
            finally:
                cluster.stop()
        print(f"| {len(servers)} | {cached:.0f} | {uncached:.0f} | {cached_errors + uncached_errors} |", flush=True)


if __name__ == "__main__":
    main()
