"""The multi-machine setup on loopback: PostgreSQL, Redis, two gunicorn app servers and nginx balancing them.

PostgreSQL is the server the suite's PostgreSQL pass runs on (DATABASE_URL); the cluster gets a database of
its own there. Redis, the app servers and nginx are started here, each on a free loopback port, under one
temporary folder, and stopped by :meth:`Cluster.stop`. Media are on a folder both app servers share (as an
NFS mount or, with AWS_STORAGE_BUCKET_NAME, a bucket would be).
"""

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.security.stack import (
    NGINX,
    REPO,
    STAFF_PASSWORD,
    STAFF_USERNAME,
    Client,
    add_authenticators,
    free_port,
    make_certificate,
    manage,
    production_environment,
    start_nginx,
    stop_process,
    wait_for_port,
)

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


@dataclass
class Cluster:
    root: Path
    env: dict
    https_port: int
    http_port: int
    redis_port: int
    certificate: Path
    key: Path
    media_store: str | None = None
    app_ports: dict = field(default_factory=dict)
    processes: dict = field(default_factory=dict)

    admin_url = "/office/"

    @property
    def media_root(self):
        return Path(self.env["MEDIA_ROOT"])

    def ssl_context(self):
        import ssl

        return ssl.create_default_context(cafile=str(self.certificate))

    def client(self, source="127.0.0.1"):
        return Client(self, source)

    def start_redis(self):
        redis = subprocess.Popen(
            [
                REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.redis_port), "--save", "",
                "--appendonly", "no", "--dir", str(self.root), "--protected-mode", "yes",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.processes["redis"] = redis
        wait_for_port(self.redis_port, redis)

    def start_app(self, name):
        port = self.app_ports.setdefault(name, free_port())
        app = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"],
            cwd=REPO,
            env={
                **self.env,
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "GUNICORN_WORKERS": "2",
                "GUNICORN_THREADS": "4",
                "GUNICORN_ACCESS_LOG": str(self.root / f"gunicorn-{name}-access.log"),
                "GUNICORN_ERROR_LOG": str(self.root / f"gunicorn-{name}-error.log"),
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes[name] = app
        wait_for_port(port, app)

    def start_nginx(self):
        nginx_root = self.root / "nginx"
        nginx_root.mkdir(exist_ok=True)
        upstreams = [argument for port in self.app_ports.values() for argument in ("--upstream", f"127.0.0.1:{port}")]
        media = ["--media-store", self.media_store] if self.media_store else ["--media-root", self.env["MEDIA_ROOT"]]
        site = subprocess.run(
            [
                sys.executable, "deploy/render_nginx.py",
                "--server-name", "127.0.0.1",
                *media,
                "--static-root", self.env["STATIC_ROOT"],
                *upstreams,
                "--cache-dir", str(nginx_root / "cache"),
                "--listen", f"127.0.0.1:{self.https_port}",
                "--http-listen", f"127.0.0.1:{self.http_port}",
                "--tls-certificate", str(self.certificate),
                "--tls-key", str(self.key),
            ],
            cwd=REPO, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        nginx = start_nginx(nginx_root, site)
        self.processes["nginx"] = nginx
        wait_for_port(self.https_port, nginx)

    def stop_process(self, name, timeout=15):
        process = self.processes.pop(name, None)
        if process is not None:
            stop_process(process, timeout)

    def stop(self):
        for name in reversed(list(self.processes)):
            self.stop_process(name)


def start_cluster(root, app_servers=("a", "b"), media_store=None, https_port=None, **environment):
    """``media_store``: the bucket's address when the media are in a bucket (``environment`` then holds the
    AWS_* settings); nginx fetches /media/ from it."""
    for program in (NGINX, REDIS_SERVER, "openssl"):
        if not shutil.which(program):
            raise RuntimeError(f"{program} is not installed: `make nginx redis` installs it.")
    root.mkdir(parents=True, exist_ok=True)
    redis_port = free_port()
    env = production_environment(root, REDIS_URL=f"redis://127.0.0.1:{redis_port}/0", **environment)
    if not env["DATABASE_URL"].startswith("postgres"):
        raise RuntimeError(
            "The cluster runs on PostgreSQL: run it with DATABASE_URL=postgres://… (make test-postgres)."
        )
    certificate, key = make_certificate(root)
    cluster = Cluster(root, env, https_port or free_port(), free_port(), redis_port, certificate, key, media_store)
    try:
        # Redis first: saving content (load_demo) retires cached pages there.
        cluster.start_redis()
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput")
        manage(
            {**env, "DJANGO_SUPERUSER_PASSWORD": STAFF_PASSWORD},
            "createsuperuser",
            "--noinput",
            f"--username={STAFF_USERNAME}",
            "--email=editor@example.org",
        )
        add_authenticators(env)
        for name in app_servers:
            cluster.start_app(name)
        cluster.start_nginx()
    except BaseException:
        cluster.stop()
        raise
    return cluster


def wait_until(condition, seconds=10, step=0.1):
    """Poll ``condition`` until it is true or ``seconds`` have passed; returns its last value."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)
