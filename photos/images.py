"""Decoding and cleaning uploaded images.

Every upload, whatever form or endpoint it arrives through, passes through
:func:`clean_image`: the file is decoded fully by Pillow, turned upright, and
written again from its pixels, so that what we store is an image we made,
in a format we chose, with none of the uploader's metadata (EXIF, GPS, XMP,
comments) and no bytes we did not decode.
"""

import io
import warnings
from dataclasses import dataclass, field

import pillow_heif
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

from .metadata import suggested_fields
from .renditions import unfit_problem

# iPhones save HEIC (HEIF) by default. pillow-heif (libheif) is the maintained HEIF decoder for Pillow; once
# registered, a HEIF file goes through the same checks as any other and is stored as a JPEG from its pixels.
pillow_heif.register_heif_opener()

# What we accept, and what we store it as. A GIF is kept as its first frame, saved as PNG.
# MPO is how Pillow names the JPEGs many cameras and phones write (a JPEG with extra frames).
STORED_FORMATS = {
    "JPEG": ("JPEG", "jpg"),
    "MPO": ("JPEG", "jpg"),
    "PNG": ("PNG", "png"),
    "WEBP": ("WEBP", "webp"),
    "GIF": ("PNG", "png"),
    "HEIF": ("JPEG", "jpg"),
}
# Only these decoders ever see an upload: Pillow's other plugins (PSD, TIFF, EPS, …) are never tried.
DECODERS = ["JPEG", "PNG", "WEBP", "GIF", "HEIF"]
ACCEPTED_DESCRIPTION = "JPEG, PNG, WebP, GIF or HEIC"


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    extension: str
    width: int
    height: int
    # Caption, credit and copyright read from the file's IPTC/XMP before they were stripped (photos.metadata).
    suggestions: dict = field(default_factory=dict)


def _megapixels(pixels):
    return f"{pixels / 1_000_000:g} megapixels"


def clean_image(file):
    """Decode ``file`` and return a :class:`CleanImage`, or raise ``ValidationError`` saying why not."""
    size = getattr(file, "size", None)
    if not size:
        raise ValidationError("The file is empty.", code="empty")
    if size > settings.PHOTO_MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The file is {filesizeformat(size)}; the limit is {filesizeformat(settings.PHOTO_MAX_UPLOAD_BYTES)}.",
            code="too_large",
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file, formats=DECODERS)
            if image.format not in STORED_FORMATS:
                raise ValidationError(
                    f"This is a {image.format} file; upload a {ACCEPTED_DESCRIPTION} image.", code="format"
                )
            # Checked from the header, before a single pixel is decoded.
            if image.width * image.height > settings.PHOTO_MAX_PIXELS:
                raise ValidationError(
                    f"The image is {image.width}×{image.height} pixels; the limit is "
                    f"{_megapixels(settings.PHOTO_MAX_PIXELS)}.",
                    code="too_many_pixels",
                )
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            f"The image has too many pixels to be processed safely; the limit is "
            f"{_megapixels(settings.PHOTO_MAX_PIXELS)}.",
            code="too_many_pixels",
        ) from error
    except UnidentifiedImageError as error:
        raise ValidationError(f"This file is not a {ACCEPTED_DESCRIPTION} image.", code="not_an_image") from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(f"The image is damaged or incomplete ({error}).", code="corrupt") from error

    stored_format, extension = STORED_FORMATS[image.format]
    # Read before any conversion: a converted copy has neither the JPEG's segments nor ``info``.
    suggestions = suggested_fields(image)
    icc_profile = image.info.get("icc_profile")
    # Transparency lives in ``info`` for palette and some PNG images; make it part of the pixels
    # before the metadata goes, or a transparent GIF would come out with a coloured background.
    if image.mode == "P" or image.has_transparency_data:
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    # In place: a second full-size copy of a 24-megapixel photograph costs another 70 MB.
    ImageOps.exif_transpose(image, in_place=True)
    # After turning upright: a 20000×1 photograph taken sideways is a 1×20000 one. Refused here rather
    # than failing later, when the page copies are made after the file is already stored.
    problem = unfit_problem(image.width, image.height)
    if problem:
        raise ValidationError(problem, code="unfit_for_renditions")
    image.info = {}  # drop EXIF, XMP, comments and text chunks before writing
    if stored_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if stored_format == "PNG" and image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    if stored_format == "WEBP" and image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.mode else "RGB")

    options = {"icc_profile": icc_profile} if icc_profile else {}
    if stored_format in ("JPEG", "WEBP"):
        # No ``optimize`` for JPEG: it holds every coefficient of the image in memory (about 70 MB more
        # for 24 megapixels) to save some 15% of a file only staff download; readers get the renditions.
        options.update(quality=90)
    buffer = io.BytesIO()
    image.save(buffer, format=stored_format, **options)
    return CleanImage(buffer.getvalue(), extension, image.width, image.height, suggestions)
