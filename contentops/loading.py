"""The one way content comes in from a file: a legacy document (text, Markdown, HTML) or a JSON export."""

from pathlib import Path

from .documents import JSON, DocumentError, detect_format, read_document
from .importing import import_document_spec
from .parsing import parse_document
from .sitejson import parse_export, restore_site


def import_file(path, fmt=None, encoding="utf-8", page_slug=None):
    """Import the file at ``path``; return its format and the report. Raises DocumentError if it cannot be."""
    text = read_document(path, encoding)
    fmt = fmt or detect_format(path, text)
    if fmt == JSON:
        if page_slug:
            raise DocumentError("--page cannot be used with a JSON export: its pages keep their own slugs.")
        return fmt, restore_site(parse_export(text))
    spec = parse_document(text, fmt, fallback_title=Path(path).stem.replace("-", " ").title())
    return fmt, import_document_spec(spec, page_slug=page_slug)
