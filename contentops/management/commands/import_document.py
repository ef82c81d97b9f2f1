"""Import a legacy page (plain text, Markdown, HTML) or a JSON export of this site."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from contentops.documents import FORMATS, JSON, DocumentError, detect_format, read_document
from contentops.importing import import_document_spec
from contentops.parsing import parse_document
from contentops.sitejson import parse_export, restore_site
from photos.storage import keep_files_only_on_commit


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
            text = read_document(file, encoding)
            fmt = format or detect_format(file, text)
            if fmt == JSON and page:
                raise DocumentError("--page cannot be used with a JSON export: its pages keep their own slugs.")
            # A photograph restored from an export may write its renditions: they go again on a rollback.
            with keep_files_only_on_commit(), transaction.atomic():
                if fmt == JSON:
                    report = restore_site(parse_export(text))
                else:
                    spec = parse_document(text, fmt, fallback_title=Path(file).stem.replace("-", " ").title())
                    report = import_document_spec(spec, page_slug=page)
                if dry_run:
                    transaction.set_rollback(True)
        except DocumentError as error:
            raise CommandError(f"Nothing was imported. {error}") from None
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
