"""Decoding and cleaning uploaded images.

Every upload, whatever form or endpoint it arrives through, passes through
:func:`clean_image`: the file is decoded fully by Pillow, turned upright, and
written again from its pixels, so that what we store is an image we made,
in a format we chose, with none of the uploader's metadata (EXIF, GPS, XMP,
comments) and no bytes we did not decode.
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

# What we accept, and what we store it as. A GIF is kept as its first frame, saved as PNG.
STORED_FORMATS = {"JPEG": ("JPEG", "jpg"), "PNG": ("PNG", "png"), "WEBP": ("WEBP", "webp"), "GIF": ("PNG", "png")}
ACCEPTED_DESCRIPTION = "JPEG, PNG, WebP or GIF"


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    extension: str
    width: int
    height: int


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB"


def clean_image(file):
    """Decode ``file`` and return a :class:`CleanImage`, or raise ``ValidationError`` saying why not."""
    size = getattr(file, "size", None)
    if not size:
        raise ValidationError("The file is empty.", code="empty")
    if size > settings.PHOTO_MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The file is {_megabytes(size)}; the limit is {_megabytes(settings.PHOTO_MAX_UPLOAD_BYTES)}.",
            code="too_large",
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file)
            if image.format not in STORED_FORMATS:
                raise ValidationError(
                    f"This is a {image.format} file; upload a {ACCEPTED_DESCRIPTION} image.", code="format"
                )
            if image.width * image.height > settings.PHOTO_MAX_PIXELS:
                raise ValidationError(
                    f"The image is {image.width}×{image.height} pixels; the limit is "
                    f"{settings.PHOTO_MAX_PIXELS / 1_000_000:g} megapixels.",
                    code="too_many_pixels",
                )
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            "The image has too many pixels to be processed safely.", code="too_many_pixels"
        ) from error
    except UnidentifiedImageError as error:
        raise ValidationError(f"This file is not a {ACCEPTED_DESCRIPTION} image.", code="not_an_image") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(f"The image is damaged or incomplete ({error}).", code="corrupt") from error

    stored_format, extension = STORED_FORMATS[image.format]
    icc_profile = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image)
    upright.info = {}  # drop EXIF, XMP, comments and text chunks before writing
    if stored_format == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    if stored_format == "PNG" and upright.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        upright = upright.convert("RGBA")

    options = {"icc_profile": icc_profile} if icc_profile else {}
    if stored_format == "JPEG":
        options.update(quality=90, optimize=True)
    elif stored_format == "WEBP":
        options.update(quality=90)
    buffer = io.BytesIO()
    upright.save(buffer, format=stored_format, **options)
    return CleanImage(buffer.getvalue(), extension, upright.width, upright.height)
