"""List (and with --delete remove) files in the media storage that no record points to."""

import datetime
import posixpath

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import models
from django.utils import timezone

from photos.models import Photo

# How deep the walk goes: the layout is photos/YYYY/MM/… and renditions/YYYY/MM/…; a loop bound, not a limit in use.
MAX_DEPTH = 12


def referenced_names():
    """Every file name a record points to: all file fields of all models, and every photograph's renditions."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and field.storage is default_storage:
                names.update(model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True))
    for renditions in Photo.objects.values_list("renditions", flat=True):
        names.update(record["name"] for record in renditions or [])
    return names


def stored_names(storage, directory="", depth=0):
    """Every file under ``directory``, by the storage's API (so a bucket works as well as a disk)."""
    if depth > MAX_DEPTH:
        return
    directories, files = storage.listdir(directory)
    for name in files:
        if not name.startswith("."):  # .gitkeep and the like
            yield posixpath.join(directory, name) if directory else name
    for sub in directories:
        yield from stored_names(storage, posixpath.join(directory, sub) if directory else sub, depth + 1)


class Command(BaseCommand):
    help = "List the files in the media storage that no record points to; --delete removes them."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Remove the files found.")
        parser.add_argument(
            "--min-age",
            type=int,
            default=60,
            metavar="MINUTES",
            help="Leave files younger than this alone (default 60): an upload in progress writes its files "
            "a moment before the record that points to them.",
        )

    def handle(self, *args, delete=False, min_age=60, **options):
        storage = default_storage
        referenced = referenced_names()
        cutoff = timezone.now() - datetime.timedelta(minutes=min_age)
        orphans = []
        for name in stored_names(storage):
            if name in referenced:
                continue
            if min_age and storage.get_modified_time(name) > cutoff:
                continue
            orphans.append(name)
        for name in orphans:
            if delete:
                storage.delete(name)
                self.stdout.write(f"Deleted {name}")
            else:
                self.stdout.write(name)
        verb = "Deleted" if delete else "Found"
        self.stderr.write(f"{verb} {len(orphans)} file{'s' if len(orphans) != 1 else ''} no record points to.")
