from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from embassy.backups import BackupError, installation_is_empty, restore_backup


class Command(BaseCommand):
    help = (
        "Bring this installation (its database and MEDIA_ROOT) back to the state stored in a backup archive "
        "made by `manage.py backup`. Refuses to overwrite an installation that has content, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz written by `manage.py backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite a database and media folder that already have content.",
        )

    def handle(self, *args, archive, force=False, **options):
        if not force and not installation_is_empty():
            raise CommandError(
                "This installation already has content (users, pages, events, photographs or media files). "
                "Restore into a fresh installation, or pass --force to overwrite it."
            )
        try:
            manifest = restore_backup(archive)
        except BackupError as error:
            raise CommandError(f"Could not restore {archive}: {error} Nothing was changed.") from None
        except OSError as error:
            # Reading the archive, or writing the restored files: the archive itself was found sound.
            raise CommandError(f"Could not restore {archive}: {error.strerror or error}.") from None
        # A backup made by an older version of the site is brought up to this version's schema.
        try:
            call_command("migrate", interactive=False, verbosity=0)
        except DatabaseError as error:
            raise CommandError(f"Restored {archive}, but migrating its database failed: {error}") from None
        self.stdout.write(
            f"Restored the backup of {manifest['created']}: the database and {len(manifest['media'])} media files."
        )
