"""The cost of a write into Django's file-based cache with its folder full, for given settings.

    .venv/bin/python bench/file_cache_writes.py 5000,3 1000,10    # MAX_ENTRIES,CULL_FREQUENCY ...

For each pair: a fresh folder filled to MAX_ENTRIES - 10 entries, then 200 timed writes of a page-sized
entry (FileBasedCache lists the folder on every write and culls once it is full). The figures behind the
file cache's settings in embassy/settings.py.
"""

import os
import statistics
import sys
import tempfile
import time

from django.conf import settings

settings.configure()

from django.core.cache.backends.filebased import FileBasedCache  # noqa: E402

WRITES = 200
PAGE = {"content": os.urandom(20_000) + b" " * 40_000, "headers": {}, "valid_until": None}


def measure(max_entries, cull_frequency):
    with tempfile.TemporaryDirectory() as folder:
        cache = FileBasedCache(folder, {"OPTIONS": {"MAX_ENTRIES": max_entries, "CULL_FREQUENCY": cull_frequency}})
        for number in range(max_entries - 10):
            cache.set(f"filler-{number}", PAGE, 3600)
        timings = []
        for number in range(WRITES):
            start = time.perf_counter()
            cache.set(f"page-{number}", PAGE, 3600)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(0.99 * (len(timings) - 1))], timings[-1]


def main():
    for pair in sys.argv[1:]:
        max_entries, cull_frequency = (int(part) for part in pair.split(","))
        median, p99, worst = measure(max_entries, cull_frequency)
        print(
            f"MAX_ENTRIES {max_entries}, CULL_FREQUENCY {cull_frequency}: "
            f"median {median:.1f} ms, p99 {p99:.1f} ms, worst {worst:.1f} ms",
            flush=True,
        )


if __name__ == "__main__":
    main()
