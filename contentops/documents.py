"""A legacy document as read from a file: the page, its section tree, and what was found in each section.

Parsing (``parsing.py``) fills these plain objects; ``importing.py`` writes them to the database.
Nothing here touches the database, so a document can be inspected before anything is saved.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from markup.dates import DatePrecision


class DocumentError(Exception):
    """The file cannot be imported; the message tells the editor why and what to do."""


@dataclass
class PhotoSpec:
    caption: str
    credit: str = ""
    alt_text: str = ""
    original_filename: str = ""


@dataclass
class LinkSpec:
    title: str
    url: str


@dataclass
class EventSpec:
    starts_on: datetime.date
    date_precision: str
    title: str
    summary: str = ""
    body: str = ""


@dataclass
class SectionSpec:
    title: str
    level: int = 1
    paragraphs: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    links: list = field(default_factory=list)
    events: list = field(default_factory=list)
    children: list = field(default_factory=list)

    @property
    def body(self):
        return "\n\n".join(self.paragraphs).strip()


@dataclass
class DocumentSpec(SectionSpec):
    level: int = 0
    slug: str = ""
    publisher: str = ""
    dated: datetime.date | None = None
    date_precision: str = DatePrecision.DAY


TEXT = "text"
MARKDOWN = "markdown"
HTML = "html"
JSON = "json"
FORMATS = [TEXT, MARKDOWN, HTML, JSON]

EXTENSIONS = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".html": HTML,
    ".htm": HTML,
    ".json": JSON,
}

# Signatures of files that are certainly not documents, so the error can name what was given.
BINARY_SIGNATURES = {
    b"%PDF-": "a PDF file",
    b"PK\x03\x04": "a ZIP archive (Word, Excel and OpenDocument files are ZIP archives)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}


def read_document(path, encoding="utf-8"):
    """Return the text of the file at ``path``, or raise DocumentError saying why it cannot be read."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"No file at {path}.") from None
    except IsADirectoryError:
        raise DocumentError(f"{path} is a folder, not a file.") from None
    except OSError as error:
        raise DocumentError(f"Cannot read {path}: {error.strerror}.") from None
    if not data.strip():
        raise DocumentError(f"{path.name} is empty: there is nothing to import.")
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DocumentError(f"{path.name} is {what}, not a text, Markdown, HTML or JSON document.")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") and encoding.lower().replace("-", "") in ("utf8", "utf8sig"):
        raise DocumentError(f"{path.name} is saved as UTF-16. Save it as UTF-8, or import it with --encoding utf-16.")
    if b"\x00" in data and not encoding.lower().startswith("utf-16"):
        raise DocumentError(f"{path.name} is a binary file (it contains NUL bytes), not a text document.")
    codec = "utf-8-sig" if encoding.lower().replace("-", "").replace("_", "") == "utf8" else encoding
    try:
        text = data.decode(codec)
    except LookupError:
        raise DocumentError(f"Unknown encoding {encoding!r}.") from None
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"{path.name} is not valid {encoding} text (byte 0x{data[error.start]:02x} at position {error.start}). "
            "Save it as UTF-8, or name its encoding with --encoding (for example --encoding cp1252)."
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\n\t\f")
    if controls > max(3, len(text) // 100):
        raise DocumentError(f"{path.name} looks like a binary file: it is full of control characters.")
    return text


def detect_format(path, text):
    """The document's format, from its extension or, failing that, from how it begins."""
    by_extension = EXTENSIONS.get(Path(path).suffix.lower())
    if by_extension:
        return by_extension
    start = text.lstrip()[:500].lower()
    if start.startswith("{"):
        return JSON
    if start.startswith(("<!doctype html", "<html", "<body", "<h1", "<p", "<div")):
        return HTML
    if any(line.startswith("#") for line in text.splitlines()):
        return MARKDOWN
    return TEXT
