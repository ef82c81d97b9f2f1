"""Import a legacy page (plain text, Markdown, HTML) or a JSON export of this site."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from contentops.documents import FORMATS, JSON, DocumentError
from contentops.loading import import_file
from markup.markdown import MarkdownRefused
from photos.storage import keep_files_only_on_commit


class DryRunDone(Exception):
    """Raised to roll a dry run back; carries its format and report."""


class Command(BaseCommand):
    help = (
        "Import a legacy document (plain text, Markdown or HTML) as a page with its sections, links, "
        "photographs (waiting for their images) and suggested events; or load a JSON export of this site. "
        "Importing the same document again updates the page instead of adding a second one."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The document to import.")
        parser.add_argument("--page", metavar="SLUG", help="The page's slug (default: made from its title).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show the tree and the counts without saving anything."
        )
        parser.add_argument("--format", choices=FORMATS, help="Default: from the file's extension or contents.")
        parser.add_argument("--encoding", default="utf-8", help="The file's text encoding (default: utf-8).")

    def handle(self, *args, file, page=None, dry_run=False, format=None, encoding="utf-8", **options):
        try:
            # Placeholder photographs are drawn into the media storage, and a photograph restored from an
            # export may write its renditions. Leaving the block by an exception takes their files back
            # with the rows, so a dry run ends with one too.
            with keep_files_only_on_commit(), transaction.atomic():
                fmt, report = import_file(file, format, encoding, page_slug=page)
                if dry_run:
                    raise DryRunDone(fmt, report)
        except DryRunDone as done:
            fmt, report = done.args
        except DocumentError as error:
            raise CommandError(f"Nothing was imported. {error}") from None
        except MarkdownRefused as error:
            raise CommandError(f"Nothing was imported: a body's Markdown cannot be shown. {error}") from None
        except (ValidationError, DatabaseError) as error:
            raise CommandError(f"Nothing was imported: the database refused the content ({error}).") from None
        except RecursionError:
            # Each reader refuses the nesting it knows of; this is the backstop for any other.
            raise CommandError("Nothing was imported: the file nests too deeply to be read.") from None

        self.stdout.write("\n".join(report.tree))
        for note in report.notes:
            self.stdout.write(f"Note: {note}")
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{verb} ({fmt}): {report.summary()}."))
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
        elif report.page is not None and fmt != JSON:
            self.stdout.write(f"Review it in the admin; the page is at /{report.page.slug}/ once published.")
