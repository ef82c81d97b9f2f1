"""Check every related link and every link in section and event texts; store what each address answered."""

import logging

from django.core.management.base import BaseCommand, CommandError

from contentops.linkcheck import check_links
from contentops.models import BROKEN_OUTCOMES, Outcome


class Command(BaseCommand):
    help = (
        "Check every link in the content (related links and links in section and event texts) and store, "
        "per address, its status, final address after redirects and when it was checked. "
        "Results are listed in the admin under Content operations › Checked links."
    )

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds to wait for each answer.")
        parser.add_argument("--concurrency", type=int, default=10, help="Requests under way at once.")
        parser.add_argument("--per-host", type=int, default=2, help="Requests under way at once to one host.")
        parser.add_argument("--max-redirects", type=int, default=10, help="Redirects followed for one address.")

    def handle(self, *args, timeout, concurrency, per_host, max_redirects, **options):
        if timeout <= 0 or concurrency < 1 or per_host < 1 or max_redirects < 0:
            raise CommandError("--timeout must be positive, --concurrency and --per-host at least 1.")
        # httpx logs every request at INFO; the summary below says what matters.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        found, results = check_links(
            timeout=timeout, concurrency=concurrency, per_host=per_host, max_redirects=max_redirects
        )
        counts = {outcome: 0 for outcome in Outcome}
        for result in results.values():
            counts[result.outcome] += 1
        for url, result in sorted(results.items()):
            if result.outcome in BROKEN_OUTCOMES:
                self.stdout.write(f"{result.outcome.label}: {url} — {result.status_code or result.error}")
            elif result.outcome == Outcome.REDIRECTED and options["verbosity"] > 1:
                self.stdout.write(f"Redirected: {url} → {result.final_url}")
        summary = ", ".join(f"{counts[outcome]} {outcome.label.lower()}" for outcome in Outcome)
        self.stdout.write(self.style.SUCCESS(f"Checked {len(results)} addresses in {len(found)} places: {summary}."))
