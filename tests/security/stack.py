"""The production stack on loopback, as `make serve` and deploy/ set it up: nginx (TLS) → gunicorn → Django.

Everything runs as the current user under one temporary folder: a file-based SQLite database, MEDIA_ROOT,
collected static files, a self-signed certificate, and nginx with its own prefix, pid file and temp dirs.
Only loopback addresses are used. Clients may connect from any 127.0.0.0/8 source address, which lets a
test act as several visitors with different addresses.
"""

import getpass
import http.client
import http.cookies
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
STAFF_USERNAME = "editor"
STAFF_PASSWORD = "a-long-test-password-for-the-stack"
ADMIN_URL = "office/"
# The staff member's authenticator devices on the stack, with keys the clients know: each sign-in uses the
# next one, because a code is accepted only once and several clients sign in within the same 30 seconds.
AUTHENTICATOR_KEYS = [f"{index:040x}" for index in range(1, 41)]
_next_authenticator = iter(range(10**9))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"Nothing listened on 127.0.0.1:{port} within {seconds} s")


def database_url(root):
    """A database of its own for a stack under ``root``: a file under ``root`` on SQLite, or, in the PostgreSQL
    pass (DATABASE_URL=postgres://…), a new database on that same server."""
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{root / 'db.sqlite3'}"
    import psycopg

    parsed = urlsplit(server)
    name = f"stack_{secrets.token_hex(6)}"
    with psycopg.connect(urlunsplit(parsed._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parsed._replace(path=f"/{name}"))


def production_environment(root, **overrides):
    """The environment `make serve` expects, with the database, media and static files under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "GUNICORN_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "embassy.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_ADMIN_URL": ADMIN_URL,
            "DATABASE_URL": database_url(root),
            "MEDIA_ROOT": str(root / "media"),
            "STATIC_ROOT": str(root / "static"),
            "DJANGO_BACKUP_DIR": str(root / "backups"),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    env.update(overrides)
    return env


def manage(env, *args, check=True, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        check=check,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


def add_authenticators(env, username=STAFF_USERNAME):
    """The staff member's authenticator apps (TOTP devices), made as the admin would store them."""
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        f"user = get_user_model().objects.get(username={username!r})\n"
        f"for number, key in enumerate({AUTHENTICATOR_KEYS!r}):\n"
        "    TOTPDevice.objects.create(user=user, name=f'phone {number}', key=key, confirmed=True)\n",
    )


def authenticator_code():
    from django_otp.oath import totp

    key = AUTHENTICATOR_KEYS[next(_next_authenticator) % len(AUTHENTICATOR_KEYS)]
    return f"{totp(bytes.fromhex(key)):06d}"


def make_certificate(folder):
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(key), "-out", str(certificate),
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    return certificate, key


NGINX_MAIN = """\
daemon off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
{user}
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {root}/access.log;
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    include {root}/site.conf;
}}
"""


def stop_process(process, timeout=15):
    """Ask a server to stop; kill it if it has not stopped after ``timeout`` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def start_nginx(nginx_root, site):
    """Start Debian's nginx as the current user, with ``site`` (a rendered deploy/ config) in ``nginx_root``."""
    (nginx_root / "site.conf").write_text(site)
    # Started as root (as in CI), nginx's workers would switch to "nobody", who cannot read our folder.
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    (nginx_root / "nginx.conf").write_text(NGINX_MAIN.format(root=nginx_root, user=user))
    return subprocess.Popen(
        [NGINX, "-p", str(nginx_root), "-e", str(nginx_root / "error.log"), "-c", str(nginx_root / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@dataclass
class Stack:
    root: Path
    env: dict
    https_port: int
    http_port: int
    gunicorn_port: int
    certificate: Path
    processes: list = field(default_factory=list)

    @property
    def media_root(self):
        return Path(self.env["MEDIA_ROOT"])

    @property
    def admin_url(self):
        return "/" + ADMIN_URL

    def ssl_context(self):
        return ssl.create_default_context(cafile=str(self.certificate))

    def client(self, source="127.0.0.1"):
        return Client(self, source)

    def stop(self):
        for process in reversed(self.processes):
            stop_process(process)


def start_stack(root, gunicorn_workers=2, gunicorn_threads=4):
    for program in (NGINX, "openssl"):
        if not shutil.which(program):
            raise RuntimeError(f"{program} is not installed: `make nginx` installs Debian's nginx and openssl.")
    root.mkdir(parents=True, exist_ok=True)
    env = production_environment(root)
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
    certificate, key = make_certificate(root)
    stack = Stack(root, env, free_port(), free_port(), free_port(), certificate)
    try:
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"],
            cwd=REPO,
            env={
                **env,
                "GUNICORN_BIND": f"127.0.0.1:{stack.gunicorn_port}",
                "GUNICORN_WORKERS": str(gunicorn_workers),
                "GUNICORN_THREADS": str(gunicorn_threads),
                "GUNICORN_ACCESS_LOG": str(root / "gunicorn-access.log"),
                "GUNICORN_ERROR_LOG": str(root / "gunicorn-error.log"),
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        stack.processes.append(gunicorn)
        wait_for_port(stack.gunicorn_port, gunicorn)

        nginx_root = root / "nginx"
        nginx_root.mkdir()
        site = subprocess.run(
            [
                sys.executable, "deploy/render_nginx.py",
                "--server-name", "127.0.0.1",
                "--media-root", env["MEDIA_ROOT"],
                "--upstream", f"127.0.0.1:{stack.gunicorn_port}",
                "--cache-dir", str(nginx_root / "cache"),
                "--listen", f"127.0.0.1:{stack.https_port}",
                "--http-listen", f"127.0.0.1:{stack.http_port}",
                "--tls-certificate", str(certificate),
                "--tls-key", str(key),
            ],
            cwd=REPO, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        nginx = start_nginx(nginx_root, site)
        stack.processes.append(nginx)
        wait_for_port(stack.https_port, nginx)
    except BaseException:
        stack.stop()
        raise
    return stack


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name):
        return self.headers.get(name)

    def header_list(self, name):
        return self.headers.get_all(name) or []

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def soup(self):
        return BeautifulSoup(self.text, "html.parser")


class Client:
    """A visitor of the stack over HTTPS, from a loopback address of its own, keeping its cookies."""

    def __init__(self, stack, source="127.0.0.1"):
        self.stack = stack
        self.source = source
        self.cookies = {}

    def request(self, method, path, body=None, headers=None, scheme="https", timeout=60, app_port=None):
        headers = dict(headers or {})
        if app_port:
            # Straight to one app server, as nginx would pass the request on (TLS ended, the site's address).
            connection = http.client.HTTPConnection(
                "127.0.0.1", app_port, source_address=(self.source, 0), timeout=timeout
            )
            headers.setdefault("Host", f"127.0.0.1:{self.stack.https_port}")
            headers.setdefault("X-Forwarded-Proto", "https")
            headers.setdefault("X-Forwarded-For", self.source)
        elif scheme == "https":
            connection = http.client.HTTPSConnection(
                "127.0.0.1",
                self.stack.https_port,
                context=self.stack.ssl_context(),
                source_address=(self.source, 0),
                timeout=timeout,
            )
        else:
            connection = http.client.HTTPConnection(
                "127.0.0.1", self.stack.http_port, source_address=(self.source, 0), timeout=timeout
            )
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            connection.close()
        for header in response.header_list("Set-Cookie"):
            cookie = http.cookies.SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post_form(self, path, data, referer=True, headers=None, **kwargs):
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            **({"Referer": f"https://127.0.0.1:{self.stack.https_port}{path}"} if referer else {}),
            **(headers or {}),
        }
        return self.request("POST", path, body=urlencode(data, doseq=True), headers=headers, **kwargs)

    def form_data(self, path, form_selector="form", **kwargs):
        """The fields of a form as the browser would send them untouched (inputs, selects, textareas)."""
        response = self.get(path, **kwargs)
        assert response.status == 200, (path, response.status)
        form = response.soup().select_one(form_selector)
        data = {}
        for element in form.select("input[name], textarea[name], select[name]"):
            name = element["name"]
            if element.name == "select":
                chosen = element.find("option", selected=True)
                data[name] = chosen["value"] if chosen else ""
            elif element.name == "textarea":
                data[name] = element.get_text()
            elif element.get("type") in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    data[name] = element.get("value", "on")
            elif element.get("type") not in ("submit", "button", "file"):
                data[name] = element.get("value", "")
        return data

    def login(self, username=STAFF_USERNAME, password=STAFF_PASSWORD, headers=None, **kwargs):
        login_path = f"{self.stack.admin_url}login/"
        data = self.form_data(login_path, "form#login-form", **kwargs)
        data.update({"username": username, "password": password, "next": self.stack.admin_url})
        response = self.post_form(login_path, data, headers=headers, **kwargs)
        if response.status != 302:
            return response
        # The password was right: the admin asks for the second factor, answered from an authenticator.
        asked = self.get(response.header("Location"), headers=headers, **kwargs)
        if asked.status != 302 or "/account/verify/" not in (asked.header("Location") or ""):
            return response
        verify_path = asked.header("Location")
        code = self.form_data(verify_path, "#content-main form", headers=headers, **kwargs)
        code["token"] = authenticator_code()
        return self.post_form(verify_path.split("?")[0], code, headers=headers, **kwargs)
