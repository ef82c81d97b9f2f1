"""Benchmark: the public pages under load, served by the production server, compared with a static file.

    make bench                                   # or: .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --duration 5 --no-large --no-write

Everything runs on loopback in a temporary folder (database, media, static files),
with production settings (DJANGO_DEBUG=0) and gunicorn started from
deploy/gunicorn.conf.py:

1. demo content: ``migrate``, ``load_demo``, ``collectstatic``; the overview page's HTML
   is written into STATIC_ROOT as a static file of exactly the same size, which the same
   server (WhiteNoise) then serves: the fastest anything of that size can be answered;
2. two servers: one as in production (page cache on), one with ``DJANGO_CACHE=dummy``
   (every cache off, so every request is a full render: "cache cleared before each request");
3. wrk (Debian's package, installed when missing) drives each target for ``--duration``
   seconds with ``--connections`` connections; requests/s, p50 and p99 are printed;
4. single uncached overview requests, one after another over one connection; then single page-cache
   misses in production's cache (bench/file_cache_miss.py: after an edit, the overview rendered and
   stored in a file-based cache folder kept full, as production's is);
5. the overview's page weight: HTML, CSS and JavaScript, gzip and brotli compressed;
6. nginx in front, configured by deploy/render_nginx.py as in production (TLS, static files
   from STATIC_ROOT, the one-second micro-cache for public pages): the overview page through
   nginx against the same-size static file served by nginx itself;
7. the dynamic targets again on a large site (``make_large_site``).

Requests carry ``X-Forwarded-Proto: https``, as nginx sends them (deploy/), so that the
production HTTPS redirect does not answer instead of the page.
The results are printed and written to docs/performance.md (between the markers).
"""

import argparse
import contextlib
import gzip
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- bench/run.py: begin -->", "<!-- bench/run.py: end -->"
HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
OVERVIEW = "/overview-of-japan-us-relations/"
STATIC_COPY = "bench-overview.html"
STATIC_COPY_JA = "bench-overview-ja.html"

sys.path.insert(0, str(ROOT))
from tests.security.stack import make_certificate, start_nginx, stop_process, wait_for_port  # noqa: E402


def run(*args, env=None, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def manage(env, *args):
    run(sys.executable, "manage.py", *args, env=env, stdout=subprocess.DEVNULL)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("Installing Debian's wrk")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=apt_env)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True, env=apt_env)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(root, **overrides):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "GUNICORN_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "embassy.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
            "MEDIA_ROOT": str(root / "media"),
            "STATIC_ROOT": str(root / "static"),
            "DJANGO_BACKUP_DIR": str(root / "backups"),
            "DJANGO_CACHE_DIR": str(root / "cache"),
            "DJANGO_LOG_LEVEL": "WARNING",
            **overrides,
        }
    )
    return env


@contextlib.contextmanager
def server(env, cache="file"):
    """gunicorn as in production; ``cache`` is DJANGO_CACHE: "file" (production's default), or "dummy"."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env={
            **env,
            "DJANGO_CACHE": cache,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_ACCESS_LOG": os.devnull,
            "GUNICORN_LOG_LEVEL": "warning",
        },
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_process(process, timeout=30)


@contextlib.contextmanager
def nginx_in_front(root, app_base):
    """nginx as deploy/ configures it in production (TLS, static files from disk, micro-cache) before the app."""
    nginx_root = root / "nginx"
    nginx_root.mkdir()
    certificate, key = make_certificate(nginx_root)
    port = free_port()
    site = run(
        *[
            sys.executable, "deploy/render_nginx.py",
            "--server-name", "127.0.0.1",
            "--media-root", str(root / "media"),
            "--static-root", str(root / "static"),
            "--upstream", app_base.removeprefix("http://"),
            "--cache-dir", str(nginx_root / "cache"),
            "--listen", f"127.0.0.1:{port}",
            "--http-listen", f"127.0.0.1:{free_port()}",
            "--tls-certificate", str(certificate),
            "--tls-key", str(key),
        ],
        capture_output=True, text=True,
    ).stdout  # fmt: skip
    process = start_nginx(nginx_root, site)
    try:
        wait_for_port(port, process)
        yield f"https://127.0.0.1:{port}", ssl.create_default_context(cafile=str(certificate))
    finally:
        stop_process(process, timeout=30)

        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def get(base, path, connection=None, tls=None):
    own = connection is None
    if own and tls is not None:
        connection = http.client.HTTPSConnection(base.removeprefix("https://"), timeout=30, context=tls)
    elif own:
        connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path}: {response.status}")
        return body
    finally:
        if own:
            connection.close()


def wrk(base, path, duration, connections, threads):
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
        + [argument for name, value in HEADERS.items() for argument in ("-H", f"{name}: {value}")]
        + [base + path],
        check=True,
        capture_output=True,
        text=True,
        timeout=duration + 60,
    ).stdout
    if re.search(r"Non-2xx or 3xx responses", output):
        raise RuntimeError(f"wrk {path}: error responses\n{output}")

    def latency(percentile):
        value, unit = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "errors": re.search(r"Socket errors:.*", output).group(0) if "Socket errors" in output else "",
    }


WARM_UP_SECONDS = 2


def measured(base, path, args):
    """wrk on ``path`` after a short run whose figures are discarded: every gunicorn worker and thread has then
    served it once, as on a running site (each process compiles its queries and, for search, works out what is
    public once per content generation; a single request before warmed one worker of five)."""
    wrk(base, path, WARM_UP_SECONDS, args.connections, 2)
    return wrk(base, path, args.duration, args.connections, 2)


def single_requests(base, path, count):
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
    timings = []
    try:
        get(base, path, connection)  # the connection and the worker are warm before timing
        for _ in range(count):
            start = time.perf_counter()
            get(base, path, connection)
            timings.append((time.perf_counter() - start) * 1000)
    finally:
        connection.close()
    timings.sort()
    return {"median": statistics.median(timings), "p95": timings[int(0.95 * (len(timings) - 1))], "n": count}


def file_cache_misses(base, env, count):
    """Single overview requests that render and store the page in the file-based cache (a full folder)."""
    output = subprocess.run(
        [sys.executable, "bench/file_cache_miss.py", base, OVERVIEW, "/photo-credits/", str(count)],
        cwd=ROOT, env={**env, "DJANGO_CACHE": "file"}, check=True, capture_output=True, text=True, timeout=900,
    ).stdout  # fmt: skip
    measured = json.loads(output)
    timings = sorted(measured["timings"])
    return {
        "median": statistics.median(timings),
        "p95": timings[int(0.95 * (len(timings) - 1))],
        "p99": timings[int(0.99 * (len(timings) - 1))],
        "max": timings[-1],
        "n": count,
        "max_entries": measured["max_entries"],
    }


def page_weight(base, html):
    import brotli

    text = html.decode()
    assets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', text)
    assets += re.findall(r'<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"', text)
    assets += re.findall(r'<script[^>]+src="([^"]+)"', text)
    parts = [("HTML", html)] + [(asset, get(base, asset)) for asset in dict.fromkeys(assets)]
    rows = [
        (name, len(body), len(gzip.compress(body, 9)), len(brotli.compress(body, quality=11))) for name, body in parts
    ]
    return rows


def prepare(root, large, database_url=None):
    root.mkdir(parents=True)
    env = environment(root, **({"DATABASE_URL": database_url} if database_url else {}))
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "load_demo_japanese")
    if large:
        manage(env, "make_large_site")
    manage(env, "collectstatic", "--noinput")
    return env


OVERVIEW_JA = f"/ja{OVERVIEW}"
# Searches: a word found in most documents of the large site, in each language. A search's page is never kept
# in the page cache (publishing.pagecache.keep_out_of_cache), so every request below is a real search.
SEARCHES = [("search, English", "/search/?q=alliance"), ("search, Japanese", "/ja/search/?q=%E5%90%8C%E7%9B%9F")]


def dynamic_targets(base, env):
    event = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from events.models import Event; "
         "print(Event.objects.public().order_by('-starts_on').first().get_absolute_url())"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    return [("overview", OVERVIEW), ("overview, Japanese", OVERVIEW_JA), ("events list", "/events/"),
            ("an event", event), *SEARCHES]  # fmt: skip


def measure(args):
    results = {"demo": [], "large": []}
    with tempfile.TemporaryDirectory(prefix="embassy-bench-") as folder:
        root = Path(folder) / "demo"
        env = prepare(root, large=False)
        with server(env) as base:
            overview_html = get(base, OVERVIEW)
            overview_ja_html = get(base, OVERVIEW_JA)
        # The same bytes as the overview page, served by the same server (WhiteNoise reads STATIC_ROOT at start).
        (root / "static" / STATIC_COPY).write_bytes(overview_html)
        (root / "static" / STATIC_COPY_JA).write_bytes(overview_ja_html)
        static_path = f"/static/{STATIC_COPY}"
        static_ja_path = f"/static/{STATIC_COPY_JA}"
        with server(env) as base:
            assert get(base, static_path) == overview_html
            assert get(base, static_ja_path) == overview_ja_html
            targets = dynamic_targets(base, env)
            # Each overview's same-size static file is measured right after it: this machine's throughput moves by
            # a third from one minute to the next, and the ratio of the two means something only within a minute.
            same_size = {OVERVIEW: ("static", static_path), OVERVIEW_JA: ("static_ja", static_ja_path)}
            for name, path in targets:
                get(base, path)
                results["demo"].append(("warm", name, path, measured(base, path, args)))
                if path in same_size:
                    key, static_file = same_size[path]
                    results[key] = wrk(base, static_file, args.duration, args.connections, 2)
            results["search_single"] = searches_one_by_one(base, args.single)
            results["weight"] = page_weight(base, overview_html)
            with nginx_in_front(root, base) as (front, tls):
                assert get(front, static_path, tls=tls) == overview_html  # served from disk by nginx
                assert get(front, OVERVIEW, tls=tls) == overview_html
                load = dict(duration=args.duration, connections=args.connections, threads=2)
                results["nginx"] = [
                    ("overview", OVERVIEW, wrk(front, OVERVIEW, **load)),
                    ("static file, same size", static_path, wrk(front, static_path, **load)),
                ]
        with server(env, cache="dummy") as base:
            for name, path in pages_only(targets):
                results["demo"].append(("uncached", name, path, measured(base, path, args)))
            results["single"] = single_requests(base, OVERVIEW, args.single)
            results["single_ja"] = single_requests(base, OVERVIEW_JA, args.single)
            # The floor, measured the same way in the same minute: this machine's pace moves by half from one
            # minute to the next, so single-request times compare across runs only beside this one.
            results["single_static"] = single_requests(base, static_path, args.single)
        # Last on this content: it fills the cache folder, which the warm figures above must not pay for.
        with server(env) as base:
            results["file_miss"] = file_cache_misses(base, env, args.single)
        results["overview_bytes"] = len(overview_html)
        results["overview_ja_bytes"] = len(overview_ja_html)
        if args.large:
            root = Path(folder) / "large"
            env = prepare(root, large=True)
            (root / "static" / STATIC_COPY).write_bytes(overview_html)
            with server(env) as base:
                targets = dynamic_targets(base, env)
                large_page = "/large-1-1/"
                targets.append(("a generated page (30 sections)", large_page))
                for name, path in targets:
                    get(base, path)
                    results["large"].append(("warm", name, path, measured(base, path, args)))
                results["large_search_single"] = searches_one_by_one(base, args.single)
            with server(env, cache="dummy") as base:
                for name, path in pages_only(targets):
                    figures = measured(base, path, args)
                    results["large"].append(("uncached", name, path, figures))
                results["large_single"] = single_requests(base, OVERVIEW, args.single)
                results["large_single_static"] = single_requests(base, static_path, args.single)
        if args.postgres:
            results["postgres"] = measure_postgres(args, Path(folder) / "postgres")
    return results


def pages_only(targets):
    """The targets but searches. A search is never answered from the page cache, so its "warm" rows are real
    searches, as in use; with every cache off it would also work out what is public on every request, which a
    running site does once per edit (search/results.py), and which no visitor waits for."""
    return [(name, path) for name, path in targets if (name, path) not in SEARCHES]


def searches_one_by_one(base, count):
    """Single searches, one after another over one connection, on the production server: {name: figures}."""
    return {name: single_requests(base, path, count) for name, path in SEARCHES}


def measure_postgres(args, root):
    """Searches on the large site in PostgreSQL (``--postgres``: a server's URL; a database is made on it)."""
    import psycopg

    name = f"bench_{secrets.token_hex(4)}"
    with psycopg.connect(args.postgres, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        database_url = args.postgres.rsplit("/", 1)[0] + f"/{name}"
        env = prepare(root, large=True, database_url=database_url)
        rows = []
        with server(env) as base:
            for label, path in SEARCHES:
                get(base, path)
                rows.append(("warm", label, path, measured(base, path, args)))
            single = searches_one_by_one(base, args.single)
        return {"rows": rows, "single": single}
    finally:
        with psycopg.connect(args.postgres, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def machine():
    def sh(command):
        return subprocess.run(command, shell=True, capture_output=True, text=True).stdout.strip()

    model = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip() or platform.processor()
    return {
        "cpu": model,
        "nproc": sh("nproc"),
        "memory": sh("free -h"),
        "python": platform.python_version(),
        "wrk": sh("wrk -v 2>&1 | head -1"),
        "gunicorn": sh(f"{sys.executable} -m gunicorn --version"),
        # Other work on the machine skews every figure: the load average when the run started says how much.
        "load": sh("cat /proc/loadavg"),
    }


def report(results, args, host):
    lines = [
        BEGIN,
        "## Public pages under load",
        "",
        "Written by `bench/run.py` (`make bench`); the figures below are from its last run.",
        "",
        "### Machine",
        "",
        f"- CPU: {host['cpu']}, `nproc` = {host['nproc']}",
        f"- Python {host['python']}, {host['gunicorn']}, {host['wrk']}",
        f"- Load average when the run started (`/proc/loadavg`): {host['load']}",
        "- `free -h`:",
        "",
        "```",
        host["memory"],
        "```",
        "",
        "### How it was measured",
        "",
        "```",
        f"make bench   # = .venv/bin/python bench/run.py --duration {args.duration} "
        f"--connections {args.connections} --single {args.single}",
        "```",
        "",
        "gunicorn with deploy/gunicorn.conf.py (gthread; workers and threads as configured there for this "
        "machine), `DJANGO_DEBUG=0`, SQLite in a temporary folder, static files collected and served by "
        "WhiteNoise; wrk on the same machine, over loopback, "
        f"`wrk -t2 -c{args.connections} -d{args.duration}s --latency` per target. *Warm*: the production "
        "server with production's page cache (Django's file-based cache, shared by the gunicorn workers), "
        f"each page requested once before. Every target, warm or uncached, is loaded for {WARM_UP_SECONDS} s "
        "before it is measured (those figures discarded), so that every worker has served it, as on a running "
        "site. *Uncached*: a second server with "
        "`DJANGO_CACHE=dummy`, so every request is a full render (the cache is, in effect, cleared before "
        "each request). The static file holds exactly the overview page's HTML "
        f"({results['overview_bytes']:,} bytes), written into STATIC_ROOT and served by the same server; it is "
        "measured right after the overview, the Japanese one right after the Japanese overview.",
        "",
    ]

    def table(rows):
        out = ["| target | cache | requests/s | p50 (ms) | p99 (ms) |", "|---|---|---:|---:|---:|"]
        for mode, name, path, figures in rows:
            out.append(
                f"| {name} (`{path}`) | {mode} | {figures['rps']:,.0f} | {figures['p50']:.2f} | {figures['p99']:.2f} |"
            )
        return out

    static = results["static"]
    warm = next(figures for mode, name, _, figures in results["demo"] if mode == "warm" and name == "overview")
    ratio = warm["rps"] / static["rps"]
    single = results["single"]
    miss = results["file_miss"]
    weight = results["weight"]
    gz = sum(row[2] for row in weight)
    br = sum(row[3] for row in weight)
    lines += ["### Demo content", ""]
    lines += table(results["demo"])
    lines.append(
        f"| static file, same size (`/static/{STATIC_COPY}`) | – | {static['rps']:,.0f} | {static['p50']:.2f} | "
        f"{static['p99']:.2f} |"
    )
    static_ja = results["static_ja"]
    warm_ja = next(
        figures for mode, name, _, figures in results["demo"] if mode == "warm" and name == "overview, Japanese"
    )
    single_ja = results["single_ja"]
    lines.append(
        f"| static file, same size as the Japanese overview (`/static/{STATIC_COPY_JA}`, "
        f"{results['overview_ja_bytes']:,} bytes) | – | {static_ja['rps']:,.0f} | {static_ja['p50']:.2f} | "
        f"{static_ja['p99']:.2f} |"
    )
    lines += [
        "",
        f"**Warm overview / static file: {ratio:.0%}** of the static file's throughput (target: at least 80%); "
        f"**Japanese: {warm_ja['rps'] / static_ja['rps']:.0%}** of its own same-size static file (target: at "
        "least 90% of what the English gets).",
        "",
        f"Single uncached overview requests, one connection, one after another ({single['n']} requests): "
        f"**median {single['median']:.1f} ms**, p95 {single['p95']:.1f} ms (target: median under 10 ms); "
        f"Japanese: **median {single_ja['median']:.1f} ms**, p95 {single_ja['p95']:.1f} ms (target: under 12 ms). "
        f"{static_floor(results['single_static'])}",
        "",
        *search_lines(results["search_single"], "Single searches on the demo content"),
        "Single page-cache misses in production's cache, the file-based cache with its folder full "
        f"({miss['max_entries']:,} entries, as it stays once edits have retired pages): an edit, then the "
        f"overview rendered and stored ({miss['n']} requests, `bench/file_cache_miss.py`): "
        f"**median {miss['median']:.1f} ms**, p95 {miss['p95']:.1f} ms, p99 {miss['p99']:.1f} ms, "
        f"max {miss['max']:.1f} ms.",
        "",
        "Page weight of the overview (what a first visit downloads, images aside):",
        "",
        "| part | bytes | gzip -9 | brotli 11 |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| `{name}` | {raw:,} | {g:,} | {b:,} |" for name, raw, g, b in weight]
    lines += [
        f"| **total** | {sum(row[1] for row in weight):,} | **{gz:,}** | **{br:,}** |",
        "",
        f"Compressed: {gz / 1024:.1f} KB with gzip, {br / 1024:.1f} KB with brotli (target: under 60 KB).",
        "",
        "Queries: every public page type runs at most 10 SQL queries, the same number on the demo content and "
        "on a site twenty times larger: `tests/performance/test_query_counts.py` (a test, not a benchmark).",
        "",
    ]
    nginx_page, nginx_static = (figures for _, _, figures in results["nginx"])
    lines += [
        "### Through nginx",
        "",
        "nginx in front of the same production server, configured by `deploy/render_nginx.py` as in production "
        "(HTTPS, static files read from STATIC_ROOT by nginx itself, public pages kept for one second in its "
        "micro-cache); Debian's nginx with one worker process, wrk over HTTPS on keep-alive connections.",
        "",
        "| target | requests/s | p50 (ms) | p99 (ms) |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {name} (`{path}`) | {figures['rps']:,.0f} | {figures['p50']:.2f} | {figures['p99']:.2f} |"
        for name, path, figures in results["nginx"]
    ]
    lines += [
        "",
        f"**Overview through nginx / static file through nginx: {nginx_page['rps'] / nginx_static['rps']:.0%}** "
        "(target: at least 50%).",
        "",
    ]
    if results["large"]:
        large_single = results["large_single"]
        lines += [
            "### Large site",
            "",
            "The demo content plus `python manage.py make_large_site` (50 pages of 30 sections, 5,000 "
            "photographs, 10,000 events, 20,000 related links), same servers and settings.",
            "",
        ]
        lines += table(results["large"])
        lines += [
            "",
            f"Single uncached overview requests on the large site: median {large_single['median']:.1f} ms, "
            f"p95 {large_single['p95']:.1f} ms. {static_floor(results['large_single_static'])}",
            "",
            *search_lines(results["large_search_single"], "Single searches on the large site"),
        ]
    if results.get("postgres"):
        postgres = results["postgres"]
        lines += [
            "### Search on PostgreSQL",
            "",
            "The large site loaded into a database on the PostgreSQL server `make bench` starts "
            "(scripts/test-postgres.sh: Debian's PostgreSQL on loopback, fsync off), the same production server "
            "and settings otherwise; the search targets only (SQLite above).",
            "",
        ]
        lines += table(postgres["rows"])
        lines += ["", *search_lines(postgres["single"], "Single searches on the large site in PostgreSQL")]
    lines.append(END)
    return "\n".join(lines)


def static_floor(single):
    return (
        f"The same-size static file from the same server, the same way: median {single['median']:.1f} ms, "
        f"p95 {single['p95']:.1f} ms (the machine's pace at that moment)."
    )


def search_lines(singles, heading):
    """The single-search figures: a search's page is never cached, so each is a real search, as in use."""
    figures = "; ".join(
        f"{name}: **median {single['median']:.1f} ms**, p95 {single['p95']:.1f} ms" for name, single in singles.items()
    )
    count = next(iter(singles.values()))["n"]
    return [
        f"{heading}, one connection, one after another ({count} requests each, target: median under 10 ms): "
        f"{figures}. Searches under load: the `search` rows above (target: at least 100 requests/s).",
        "",
    ]


def write_doc(section):
    text = DOC.read_text()
    if BEGIN in text:
        before, rest = text.split(BEGIN, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load per target (default 10).")
    parser.add_argument("--connections", type=int, default=16, help="wrk's open connections (default 16).")
    parser.add_argument("--single", type=int, default=200, help="Single uncached requests to time (default 200).")
    parser.add_argument("--no-large", dest="large", action="store_false", help="Skip the large site.")
    parser.add_argument("--no-write", dest="write", action="store_false", help="Print only; leave docs alone.")
    parser.add_argument(
        "--postgres", metavar="URL", help="Also search the large site in PostgreSQL (a server; make bench starts one)."
    )
    args = parser.parse_args()
    if not 1 <= args.duration <= 120 or not 1 <= args.single <= 10_000:
        parser.error("--duration must be 1–120 seconds and --single 1–10,000 requests.")
    ensure_wrk()
    host = machine()
    section = report(measure(args), args, host)
    print(section)
    if args.write:
        write_doc(section)
        print(f"\nWritten to {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
