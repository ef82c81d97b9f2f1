"""Make every photograph's renditions again, e.g. after the widths or formats change."""

from django.core.management.base import BaseCommand
from django.db import transaction

from photos.models import Photo


class Command(BaseCommand):
    help = "Remake the renditions of every photograph (or of the given ids) from its stored image."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Only these photographs (by id).")
        parser.add_argument(
            "--missing", action="store_true", help="Only photographs that have no renditions recorded yet."
        )

    def handle(self, *args, ids=(), missing=False, **options):
        photos = Photo.objects.order_by("pk")
        if ids:
            photos = photos.filter(pk__in=ids)
        if missing:
            photos = photos.filter(renditions=[])
        done = failed = 0
        for photo in photos.iterator(chunk_size=100):
            try:
                with transaction.atomic():
                    photo.rebuild_renditions()
            except (OSError, ValueError) as error:  # a missing or unreadable image file
                failed += 1
                self.stderr.write(f"Photo {photo.pk} ({photo.image.name}): {error}")
                continue
            done += 1
            if options["verbosity"] > 1:
                self.stdout.write(f"Photo {photo.pk}: {len(photo.renditions)} renditions")
        self.stdout.write(self.style.SUCCESS(f"Renditions rebuilt for {done} photograph{'s' if done != 1 else ''}."))
        if failed:
            self.stdout.write(self.style.WARNING(f"{failed} could not be read; see the messages above."))
