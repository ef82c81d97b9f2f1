"""Load the demo content: the embassy's February 2009 overview, retold, with placeholder photographs."""

import json
from pathlib import Path

import reversion
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from closures.models import Closure
from contentops.loading import import_file
from photos.storage import keep_files_only_on_commit
from publishing.models import Status
from sections.models import Section

# A whole-site export of this site (contentops/sitejson.py) whose photographs are drawn as placeholders.
DEMO_DOCUMENT = Path(__file__).resolve().parents[2] / "demo" / "site.json"
# The office closures: US federal holidays the embassy observes (a list of dates, reasons in both languages).
DEMO_CLOSURES = DEMO_DOCUMENT.with_name("closures.json")


class Command(BaseCommand):
    help = "Fill the database with the demo content. Running it again creates nothing new."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the site already has any page or section."
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Section.objects.exists():
            self.stdout.write("The site already has content; demo content not loaded.")
            return
        # Placeholder files are written as photographs are saved; if loading fails and rolls back, they go too.
        with keep_files_only_on_commit(), transaction.atomic(), reversion.create_revision():
            reversion.set_comment("Demo content loaded.")
            _, report = import_file(DEMO_DOCUMENT)
            closures = load_closures(DEMO_CLOSURES)
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {report.summary()}, {closures} office closures."))
        # One confirmed subscriber (demo.reader@example.org, notices and events), so that publishing shows a
        # message in the mail folder. A fixture, named rather than imported: the alerts app is a layer above.
        call_command("loaddata", "demo_subscribers", verbosity=0)


def load_closures(path):
    """Publish the closures listed in ``path``; a closure already there (same day and office) is left as it is."""
    created = 0
    for entry in json.loads(path.read_text(encoding="utf-8"))["closures"]:
        _, new = Closure.objects.get_or_create(
            day=entry["day"],
            office=entry["office"],
            defaults={"reason": entry["reason"], "reason_ja": entry["reason_ja"], "status": Status.PUBLISHED},
        )
        created += new
    return created
