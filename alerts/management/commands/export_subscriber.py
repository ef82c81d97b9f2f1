import json

from django.core.management.base import BaseCommand, CommandError

from alerts import services
from alerts.models import Subscriber


class Command(BaseCommand):
    help = "Print, as JSON, everything kept about one subscriber (a person's request for their data)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--delete", action="store_true", help="Then delete it all, at once.")

    def handle(self, *args, email, delete, **options):
        subscriber = Subscriber.objects.filter(email__iexact=email.strip()).first()
        if subscriber is None:
            raise CommandError("No subscriber has that address.")
        self.stdout.write(json.dumps(services.export(subscriber), indent=2, ensure_ascii=False))
        if delete:
            subscriber.delete()
            self.stderr.write("Deleted.")
