"""Benchmark: a notice to 20,000 subscribers, queued by the publisher's request and delivered by the worker.

    .venv/bin/python bench/alerts.py [--subscribers 20000]      (make bench-alerts)

In a temporary folder (SQLite database, media): the demo content, then ``--subscribers`` confirmed subscribers
to notices, written in bulk (not timed). A Publisher, signed in with Django's test client in this process,
opens the admin's "Add notice" form (which shows how many people it will e-mail) and saves an emergency notice
as published: that POST is the request timed, the same admin call as on the live site; it writes one message row
per subscriber and queues the sending task. Then the real worker (``manage.py run_worker``, a process of its
own, production's rate limit) sends them to an SMTP server on loopback (aiosmtpd, in this process), and the
delivery rate is the number of messages over the time from the first to the last one received.

Targets: the request under 2 s; at least 100 messages a second. Writes its figures into docs/performance.md,
between the markers of this script.
"""

import argparse
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- bench/alerts.py: begin -->", "<!-- bench/alerts.py: end -->"
REQUEST_TARGET, RATE_TARGET = 2.0, 100.0
DELIVERY_TIMEOUT = 900  # seconds: at 100 a second, 20,000 messages take 200


class Counter:
    """The SMTP server's handler: counts what it accepted, and when the first and the last arrived."""

    def __init__(self):
        self.count = 0
        self.first = self.last = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            now = time.perf_counter()
            self.first = self.first or now
            self.last = now
            self.count += 1
        return "250 OK"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=20000)
    parser.add_argument("--no-write", action="store_true", help="Print the figures only; leave the docs alone.")
    args = parser.parse_args()

    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's line for each connection closed

    from tests.alerts.conftest import free_port

    folder = tempfile.mkdtemp(prefix="embassy-alerts-bench-")
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "embassy.settings",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{folder}/db.sqlite3"),
        "MEDIA_ROOT": f"{folder}/media",
        "DJANGO_DEBUG": "1",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from alerts.models import Alert, Frequency, Message, MessageState, Subscriber, Subscription, Topic
    from tests.html import form_data
    from tests.signin import sign_in_with_second_factor

    quiet = open(os.devnull, "w")
    call_command("migrate", "--noinput", stdout=quiet)
    call_command("load_demo", stdout=quiet)
    now = timezone.now()
    Subscriber.objects.bulk_create(
        (Subscriber(email=f"reader{n}@example.org", language="ja" if n % 3 == 0 else "en", confirmed_at=now)
         for n in range(args.subscribers)), batch_size=2000,
    )  # fmt: skip
    readers = Subscriber.objects.filter(email__startswith="reader").values_list("pk", flat=True)
    Subscription.objects.bulk_create(
        (Subscription(subscriber_id=pk, topic=Topic.NOTICES, frequency=Frequency.IMMEDIATE) for pk in readers),
        batch_size=2000,
    )
    audience = Subscriber.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True).count()
    user = get_user_model().objects.create_user("pat", "pat@example.org", "a-long-bench-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Publisher"))
    client = Client()
    sign_in_with_second_factor(client, user)

    form = client.get("/admin/notices/notice/add/")
    shown = " ".join(form.content.decode().split())
    assert f"will e-mail {audience} subscribers" in shown or f"will e-mail {audience:,} subscribers" in shown, audience
    data = form_data(form)
    data.update(
        severity="3",
        title="Typhoon: the consular section is closed today",
        title_ja="台風のため領事部は休館します",
        text="The consular section is closed today.",
        text_ja="本日、領事部は休館します。",
        status="published",
    )
    started = time.perf_counter()
    response = client.post("/admin/notices/notice/add/", data)
    request_seconds = time.perf_counter() - started
    assert response.status_code == 302, response.content.decode()[:2000]
    alert = Alert.objects.get()
    queued = Message.objects.filter(alert=alert).count()
    assert queued == audience, (queued, audience)
    connection.close()

    counter = Counter()
    smtp = Controller(counter, hostname="127.0.0.1", port=port)
    smtp.start()
    worker = subprocess.Popen([sys.executable, "manage.py", "run_worker", "--interval", "0.5"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + DELIVERY_TIMEOUT
        while counter.count < queued and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.5)
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
        smtp.stop()
    sent = Message.objects.filter(alert=alert, state=MessageState.SENT).count()
    assert counter.count == sent == queued, (counter.count, sent, queued)
    rate = (counter.count - 1) / (counter.last - counter.first) if counter.count > 1 else 0.0
    report(args, request_seconds, queued, counter.count, rate, counter.last - counter.first)


def report(args, request_seconds, queued, delivered, rate, span):
    from django.conf import settings

    machine = f"{os.cpu_count()} cores, Python {platform.python_version()}, {connection_vendor()}"
    verdict = "met" if request_seconds < REQUEST_TARGET else "**missed**"
    rate_verdict = "met" if rate >= RATE_TARGET else "**missed**"
    lines = [
        BEGIN,
        "",
        f"Written by `bench/alerts.py` (`make bench-alerts`), {time.strftime('%Y-%m-%d')}, on {machine}.",
        "",
        "| what | figure | target |",
        "| --- | --- | --- |",
        f"| the publisher's request saving an emergency notice to {queued:,} subscribers (admin POST, messages "
        f"written and the task queued) | {request_seconds:.2f} s | under {REQUEST_TARGET:.0f} s: {verdict} |",
        f"| delivery by one `run_worker` to aiosmtpd on loopback ({delivered:,} messages in {span:.1f} s, "
        f"rate limit {settings.ALERTS_RATE_PER_SECOND:g}/s) | {rate:.0f} messages/s | at least "
        f"{RATE_TARGET:.0f}/s: {rate_verdict} |",
        "",
        END,
    ]
    block = "\n".join(lines)
    print(block)
    if args.no_write:
        return
    text = DOC.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n## E-mail alerts\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


def connection_vendor():
    from django.db import connection

    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(connection.vendor, connection.vendor)


if __name__ == "__main__":
    main()
