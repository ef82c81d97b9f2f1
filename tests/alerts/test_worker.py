"""The worker command: a real process, killed mid-batch, then another: every message arrives exactly once."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


SETUP = """
from django.utils import timezone
from alerts import services
from alerts.models import Subscriber
from notices.models import Notice
from publishing import services as publishing
for n in range(30):
    subscriber = Subscriber.objects.create(email=f"reader{n}@example.org", confirmed_at=timezone.now())
    services.set_subscriptions(subscriber, ["notices"], "immediate")
publishing.publish(Notice.objects.create(title="Typhoon", text="Closed.", severity=3))
"""
STATES = "from alerts.models import Message; print(sorted(set(Message.objects.values_list('state', flat=True))))"


def environment(port, tmp_path):
    # The worker is another process: it shares a database file with the commands below (the tests' own
    # database lives in this process's memory).
    return {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}", "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(port), "ALERTS_RATE_PER_SECOND": "0", "ALERTS_RETRY_SECONDS": "0",
            "DJANGO_CACHE": "dummy", "DJANGO_DEBUG": "1"}  # fmt: skip


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True,
                          text=True, timeout=120).stdout  # fmt: skip


def worker(env, tmp_path):
    return subprocess.Popen([sys.executable, "manage.py", "run_worker", "--interval", "0.2"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=open(tmp_path / "worker.log", "a"))  # fmt: skip


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(smtp, tmp_path):
    env = environment(smtp.port, tmp_path)
    manage(env, "migrate", "--noinput")
    manage(env, "shell", "-c", SETUP)
    first = None

    def kill_at_the_tenth(envelope):
        if len(smtp.messages) == 10 and first is not None and first.poll() is None:
            first.send_signal(signal.SIGKILL)  # dies between two messages of its batch, with no clean-up
            return "421 Going away"  # and the one in flight is not accepted
        return None

    smtp.on_data = kill_at_the_tenth
    first = worker(env, tmp_path)
    try:
        assert wait_for(lambda: first.poll() is not None), "the first worker was not killed"
        assert len(smtp.messages) == 10
        # Its claim outlives it: the rest are "being sent" until the lease runs out.
        assert "sending" in manage(env, "shell", "-c", STATES)
        smtp.on_data = None
        manage(env, "shell", "-c", "from alerts.models import Message; from django.utils import timezone; "
               "Message.objects.filter(state='sending').update(lease_until=timezone.now())")  # fmt: skip
        second = worker(env, tmp_path)
        try:
            assert wait_for(lambda: len(smtp.messages) >= 30), (tmp_path / "worker.log").read_text()[-2000:]
            time.sleep(0.5)
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    recipients = sorted(m["To"] for m in smtp.messages)
    assert recipients == sorted(f"reader{n}@example.org" for n in range(30))  # each exactly once
    assert manage(env, "shell", "-c", STATES).strip().splitlines()[-1] == "['sent']"
    assert second.returncode == 0  # SIGTERM stops it cleanly
