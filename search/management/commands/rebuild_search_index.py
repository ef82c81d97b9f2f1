from django.core.management.base import BaseCommand
from django.db import transaction

from publishing.pagecache import content_changed
from search.backends import get_backend
from search.documents import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from every section, event and photograph (e.g. after loading raw data)."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = rebuild()
            get_backend().optimise()
            content_changed()  # cached search pages were answered from the old index
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} documents."))
