"""Write a page (or, as JSON, the whole site) with its sections, events, photographs' metadata and links."""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from contentops.markdown_export import add_photos_waiting_for_images, page_markdown
from contentops.sitejson import dumps, export_site
from sections.models import Section
from sections.tree import build_page_tree


class Command(BaseCommand):
    help = "Export a page as Markdown or JSON, or the whole site as JSON (--all)."

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="The page's slug.")
        parser.add_argument("--all", action="store_true", help="Export every page and the site settings (JSON).")
        parser.add_argument("--format", choices=["markdown", "json"], default="markdown")
        parser.add_argument("--output", "-o", metavar="FILE", help="Write to FILE instead of the terminal.")
        parser.add_argument(
            "--public", action="store_true", help="Markdown: only what the public sees now (default: drafts too)."
        )

    def handle(self, *args, slug=None, all=False, format="markdown", output=None, public=False, **options):
        if all == bool(slug):
            raise CommandError("Name one page's slug, or use --all for the whole site.")
        if all and format != "json":
            raise CommandError("The whole site is exported as JSON: add --format json.")
        if all:
            text = dumps(export_site())
        else:
            page = Section.objects.pages().filter(slug=slug).first()
            if page is None:
                raise CommandError(f"No page with the slug {slug!r}.")
            if format == "json":
                text = dumps(export_site([page]))
            else:
                tree = build_page_tree(page, include_drafts=not public)
                if not public:
                    add_photos_waiting_for_images(tree)
                text = page_markdown(tree, image_url=lambda photo: photo.image.url)
        if output:
            try:
                write_atomically(Path(output), text)
            except OSError as error:
                raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
            self.stderr.write(f"Wrote {output}.")
        else:
            self.stdout.write(text, ending="")


def write_atomically(path, text):
    """Write through a temporary file in the same folder, so a failure never leaves half a file."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
