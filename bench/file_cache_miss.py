"""Page-cache misses in production's cache: a page rendered and stored in a full file-based cache folder.

    .venv/bin/python bench/file_cache_miss.py BASE PATH WARM_PATH COUNT   # run by bench/run.py

Runs with the server's own environment (so the same cache settings and folder). The folder is first
filled to MAX_ENTRIES: in production it stays full, since every edit leaves the pages of the previous
content generation behind until they are culled. Then, COUNT times: an edit (a new content generation,
as any save makes), one untimed request for WARM_PATH (which stores the generation's schedule and site
chrome again, as the first visitor after an edit does), and the timed request for PATH, which renders
the page and stores it. Prints the timings in milliseconds as JSON.
"""

import http.client
import json
import os
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def fill(cache, entries):
    # About the size of a compressed page; the listing in FileBasedCache._cull costs per file, not per byte.
    filler = os.urandom(8_000)
    for number in range(entries):
        cache.set(f"bench-filler-{number}", filler, 3600)


def main():
    base, path, warm_path, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    django.setup()
    from django.conf import settings
    from django.core.cache import cache

    from publishing.pagecache import content_changed

    max_entries = settings.CACHES["default"]["OPTIONS"]["MAX_ENTRIES"]
    fill(cache, max_entries - 1)
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)

    def get(address):
        connection.request("GET", address, headers={"X-Forwarded-Proto": "https", "Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {address}: {response.status}")

    timings = []
    try:
        for _ in range(count):
            content_changed()
            get(warm_path)
            start = time.perf_counter()
            get(path)
            timings.append((time.perf_counter() - start) * 1000)
    finally:
        connection.close()
    files = len(list(Path(settings.CACHES["default"]["LOCATION"]).glob("*.djcache")))
    print(json.dumps({"timings": timings, "max_entries": max_entries, "files": files}))


if __name__ == "__main__":
    main()
