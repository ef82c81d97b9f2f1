"""Files for upload tests, made here byte by byte: good photographs, and every kind of bad file we refuse."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from tests.factories import jpeg_bytes


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def svg_with_script():
    return upload(
        "chart.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        b'<script>alert(document.cookie)</script><circle cx="50" cy="50" r="40"/></svg>',
        "image/svg+xml",
    )


def html_named_jpg():
    return upload("summit.jpg", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")


def truncated_jpeg():
    whole = jpeg_bytes((400, 300), colour=(10, 120, 200))
    return upload("cut-off.jpg", whole[: len(whole) // 2])


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_declaring(width, height):
    """A small file whose header claims ``width``×``height`` pixels: a decompression bomb's calling card."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    content = (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + _png_chunk(b"IEND", b"")
    )
    return upload("huge.png", content, "image/png")


def empty_file():
    return upload("empty.jpg", b"")


def noise_jpeg(size=(600, 400)):
    """A JPEG that does not compress well, to exceed a small size limit."""
    image = Image.effect_noise(size, 80).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()


def png_of(size, name="tall.png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 120, 160)).save(buffer, format="PNG")
    return upload(name, buffer.getvalue(), "image/png")


def sideways_thin_jpeg():
    """20000×1 as stored, 1×20000 once turned upright as its EXIF tag says."""
    return upload("sideways.jpg", jpeg_with_orientation(6, size=(20000, 1)))


BAD_FILES = {
    "svg with a script": (svg_with_script, "not a JPEG, PNG, WebP, GIF or HEIC image"),
    "html named .jpg": (html_named_jpg, "not a JPEG, PNG, WebP, GIF or HEIC image"),
    "truncated jpeg": (truncated_jpeg, "damaged or incomplete"),
    "png declaring 20000x20000": (lambda: png_declaring(20000, 20000), "too many pixels"),
    "empty file": (empty_file, "empty"),
    "oversized file": (lambda: upload("large.jpg", noise_jpeg()), "the limit is 10.0"),
    # Within the pixel limit, but WebP (the page copies' format) holds at most 16383 pixels on a side.
    "png 1x20000": (lambda: png_of((1, 20000)), "at most 16383 pixels on a side"),
    "sideways jpeg 20000x1": (sideways_thin_jpeg, "at most 16383 pixels on a side"),
}


GPS_LATITUDE = (38.0, 54.0, 57.0)


def jpeg_with_metadata(size=(320, 240)):
    """A phone photograph: GPS position, camera EXIF, an XMP packet and a comment."""
    image = Image.new("RGB", size, (90, 140, 60))
    exif = image.getexif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Artist] = "Someone's phone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (77.0, 3.0, 21.0)
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>'
        b"<exif:GPSLatitude>38,54.95N</exif:GPSLatitude></rdf:RDF></x:xmpmeta>"
    )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, xmp=xmp, comment=b"taken at home")
    return buffer.getvalue()


def jpeg_with_orientation(orientation=6, size=(60, 40)):
    """A sideways JPEG as a camera writes it: pixels stored landscape, left half red and right half blue,
    with an EXIF Orientation tag telling viewers how to turn it."""
    image = Image.new("RGB", size, (220, 0, 0))
    image.paste((0, 0, 220), (size[0] // 2, 0, size[0], size[1]))
    exif = image.getexif()
    exif[ExifTags.Base.Orientation] = orientation
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, quality=95)
    return buffer.getvalue()


def sized_jpeg(size, colour=(120, 120, 160)):
    return jpeg_bytes(size, colour)
