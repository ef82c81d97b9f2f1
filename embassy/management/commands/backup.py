from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from embassy.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one timestamped archive (.tar.gz) with a consistent copy of the database and every media file. "
        "Safe to run while the site is serving and staff are editing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=None,
            help="Folder for the archive (default: BACKUP_DIR, i.e. $DJANGO_BACKUP_DIR or backups/).",
        )

    def handle(self, *args, output_dir=None, **options):
        try:
            path = create_backup(Path(output_dir or settings.BACKUP_DIR))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(path))
