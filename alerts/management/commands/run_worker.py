"""The background worker: runs the queued tasks (django-tasks-db's worker) and the alerts' housekeeping.

django-tasks-db's worker runs what is queued. Between its rounds this command also does what no request
triggers: the daily digests, a send task for messages due again (a retry's time, or the lease of a worker that
died mid-batch), and the deletion of addresses past their grace period. Stops cleanly on Ctrl-C or SIGTERM.
"""

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from alerts import services


class Command(BaseCommand):
    help = "Run queued tasks (e-mail alerts) until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between rounds when idle.")
        parser.add_argument("--once", action="store_true", help="One round, then exit (tests, cron).")

    def handle(self, *args, interval, once, **options):
        self.running = True
        signal.signal(signal.SIGINT, self._stop)
        signal.signal(signal.SIGTERM, self._stop)
        # The backend logs every idle round at INFO; only what goes wrong is worth a line beside the server.
        logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
        worker_id = get_random_string(32)
        if not once:
            self.stdout.write(f"Worker {worker_id[:8]} running tasks; Ctrl-C stops it.")
        while self.running:
            close_old_connections()
            services.housekeeping()
            Worker(
                queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
                max_tasks=100, worker_id=worker_id, excluded_queue_names=[],
            ).run()  # fmt: skip
            if once:
                break
            slept = 0.0
            while self.running and slept < interval:
                time.sleep(0.2)
                slept += 0.2

    def _stop(self, signum, frame):
        self.running = False
