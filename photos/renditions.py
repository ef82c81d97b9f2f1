"""Renditions: the smaller copies of a photograph that pages actually send to readers.

Each stored photograph gets copies at a few widths, in WebP and in JPEG (for the
few browsers without WebP), made once when the image is saved and kept in the
default storage next to it. Their names and sizes are recorded on the
photograph, so a page can write its ``srcset`` without touching the storage.

All file access goes through Django's storage API, so the same code works with
files on disk or in a bucket.
"""

import io
import posixpath
from dataclasses import dataclass

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.utils import validate_file_name
from PIL import Image

# The widths a layout may ask for: a phone, a phone at 2x, the text column, a wide screen, a large view.
WIDTHS = (320, 640, 960, 1280, 1920)
# An original narrower than the largest width is also kept at its own width, unless a width above is this close.
OWN_WIDTH_MARGIN = 1.1
FORMATS = (
    # (extension, Pillow format, encoder options)
    ("webp", "WEBP", {"quality": 80, "method": 4}),
    ("jpg", "JPEG", {"quality": 82, "optimize": True, "progressive": True}),
)
DIRECTORY = "renditions"
# WebP cannot hold a picture taller (or wider) than this; JPEG's limit (65535) is higher, so this one binds.
MAX_SIDE = 16383


def widths_for(original_width, original_height=0):
    """The rendition widths for an image of this size: never wider than the original, never taller than MAX_SIDE.

    A very tall image (a long infographic, a scanned scroll) is made only at widths where its height
    still fits, up to the widest that does; for one too thin for any, the list is empty.
    """
    if original_height > MAX_SIDE:
        # Rounded down, so that the height computed from it in make_renditions cannot round up past MAX_SIDE.
        original_width = min(original_width, MAX_SIDE * original_width // original_height)
    if original_width < 1:
        return []
    widths = [width for width in WIDTHS if width <= original_width]
    if original_width < WIDTHS[-1] and (not widths or original_width > widths[-1] * OWN_WIDTH_MARGIN):
        widths.append(original_width)
    return widths


def unfit_problem(width, height):
    """Why no rendition of a ``width``×``height`` image can be made, or None if they can."""
    if widths_for(width, height):
        return None
    return (
        f"The image is {width}×{height} pixels: too narrow for its height to be shown. Page copies are made in "
        f"WebP, which allows at most {MAX_SIDE} pixels on a side; crop the image or make it wider."
    )


def rendition_name(image_name, width, extension):
    """``photos/2009/02/Xy3.jpg`` → ``renditions/2009/02/Xy3-640w.webp``: derived from the image's random name."""
    stem = posixpath.splitext(image_name)[0]
    if stem.startswith("photos/"):
        stem = stem[len("photos/") :]
    return f"{DIRECTORY}/{stem}-{width}w.{extension}"


def records_problem(records):
    """Why ``records`` are not what :func:`make_renditions` writes, or None: pages read them without checking."""
    extensions = {extension for extension, _, _ in FORMATS}
    if not isinstance(records, list):
        return "Must be a list of renditions."
    for record in records:
        if not isinstance(record, dict) or set(record) != {"width", "height", "format", "name"}:
            return "Each rendition has exactly a width, height, format and name."
        if not all(isinstance(record[side], int) and 0 < record[side] <= MAX_SIDE for side in ("width", "height")):
            return f"A rendition's width and height are whole numbers from 1 to {MAX_SIDE}."
        if record["format"] not in extensions or not isinstance(record["name"], str):
            return f"A rendition's format is one of {', '.join(sorted(extensions))}, and its name a file name."
        if not is_safe_name(record["name"]) or not record["name"].startswith(f"{DIRECTORY}/"):
            return f"A rendition's file is in {DIRECTORY}/ of the media storage."
    return None


def is_safe_name(name):
    """A relative name inside the media storage: no absolute path, no ``..``."""
    try:
        validate_file_name(name, allow_relative_path=True)
    except SuspiciousFileOperation:
        return False
    return bool(name) and "\\" not in name and "\x00" not in name


def _flatten(image):
    """RGB for JPEG: transparent areas become white, as they look on the page."""
    if image.mode == "RGB":
        return image
    if "A" in image.mode:
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        return background
    return image.convert("RGB")


def make_renditions(image_name, storage=None):
    """Write every rendition of the stored image ``image_name``; return their records, smallest first.

    An existing file of the same name is replaced, so running this again for the
    same image (``rebuild_renditions``) leaves one set of files, not two. Files written by a
    transaction that fails are removed by photos.storage, like every other file.
    """
    storage = storage or default_storage
    with storage.open(image_name, "rb") as file:
        image = Image.open(file)
        original_width, original_height = image.size
        widths = widths_for(original_width, original_height)
        if not widths:
            raise ValueError(unfit_problem(original_width, original_height))
        if image.format == "JPEG":
            # Let the JPEG decoder scale down by 1/2, 1/4 or 1/8 while decoding: much less memory and time.
            image.draft("RGB", (widths[-1], max(1, round(original_height * widths[-1] / original_width))))
        image.load()
    icc_profile = image.info.get("icc_profile")
    keep_alpha = "A" in image.mode or image.has_transparency_data
    base = image.convert("RGBA" if keep_alpha else "RGB") if image.mode not in ("RGB", "RGBA") else image

    records = []
    source = base
    for width in reversed(widths):  # largest first, each made from the one before: cheaper, as sharp
        height = max(1, round(original_height * width / original_width))
        if source.size != (width, height):
            source = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for extension, pillow_format, options in FORMATS:
            pixels = source if pillow_format == "WEBP" else _flatten(source)
            buffer = io.BytesIO()
            extra = {"icc_profile": icc_profile} if icc_profile else {}
            pixels.save(buffer, format=pillow_format, **options, **extra)
            name = rendition_name(image_name, width, extension)
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, ContentFile(buffer.getvalue()))
            records.append({"width": width, "height": height, "format": extension, "name": saved})
    records.sort(key=lambda record: (record["format"], record["width"]))
    return records


@dataclass(frozen=True)
class Picture:
    """What a ``<picture>`` element needs, computed from the stored records without touching the storage."""

    webp_srcset: str
    jpeg_srcset: str
    src: str
    width: int
    height: int
    large_url: str
    thumbnail_url: str


# The fallback ``src`` for browsers without ``srcset``: a width that reads well in the text column.
FALLBACK_WIDTH = 960


def picture_for(records, original_url, width, height, storage=None):
    """Build a :class:`Picture` from rendition ``records``; without records, the original stands in."""
    webp = sorted((record for record in records if record["format"] == "webp"), key=lambda record: record["width"])
    jpeg = sorted((record for record in records if record["format"] == "jpg"), key=lambda record: record["width"])
    if not jpeg:
        return Picture("", "", original_url, width, height, original_url, original_url)
    storage = storage or default_storage
    urls = {record["name"]: storage.url(record["name"]) for record in records}

    def srcset(items):
        return ", ".join(f"{urls[record['name']]} {record['width']}w" for record in items)

    largest = jpeg[-1]
    fallback = next((record for record in jpeg if record["width"] >= FALLBACK_WIDTH), largest)
    return Picture(
        webp_srcset=srcset(webp),
        jpeg_srcset=srcset(jpeg),
        src=urls[fallback["name"]],
        width=largest["width"],
        height=largest["height"],
        large_url=urls[largest["name"]],
        thumbnail_url=urls[(webp or jpeg)[0]["name"]],
    )
