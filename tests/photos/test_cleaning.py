"""What we store is an upright image with none of the uploader's metadata: no place, no camera, no comments."""

import pytest
from django.urls import reverse
from PIL import ExifTags, Image

from photos.models import Photo

from .files import GPS_LATITUDE, jpeg_with_metadata, jpeg_with_orientation, png_declaring, upload

pytestmark = pytest.mark.django_db

ADD = reverse("admin:photos_photo_add")


def photo_form(image):
    return {"image": image, "caption": "c", "credit": "Photo: x", "alt_text": "a", "status": "draft"}


def assert_no_metadata(path):
    with Image.open(path) as image:
        exif = image.getexif()
        assert len(exif) == 0, dict(exif)
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert "exif" not in image.info and "xmp" not in image.info and "comment" not in image.info
        assert b"38,54.95N" not in path.read_bytes()


def test_the_test_photograph_really_carries_gps_xmp_and_a_comment(tmp_path):
    path = tmp_path / "phone.jpg"
    path.write_bytes(jpeg_with_metadata())
    with Image.open(path) as image:
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] == GPS_LATITUDE
        assert "xmp" in image.info and image.info["comment"] == b"taken at home"


@pytest.mark.parametrize("path", ["admin", "editor", "bulk"])
def test_gps_and_other_metadata_are_not_stored(staff_client, isolated_media, path):
    file = upload("phone.jpg", jpeg_with_metadata())
    if path == "admin":
        assert staff_client.post(ADD, photo_form(file)).status_code == 302
    elif path == "editor":
        assert staff_client.post("/markdownx/upload/", {"image": file}).status_code == 200
    else:
        assert staff_client.post(reverse("admin:photos_photo_bulk_upload"), {"images": [file]}).status_code == 200
    photo = Photo.objects.get()
    for name in photo.file_names():  # the image and every rendition
        assert_no_metadata(isolated_media / name)


def test_exif_orientation_is_applied(staff_client, isolated_media):
    # Stored 60×40 with "rotate 90° clockwise to view": the upright photograph is 40×60.
    assert staff_client.post(ADD, photo_form(upload("sideways.jpg", jpeg_with_orientation(6)))).status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (40, 60)
    with Image.open(isolated_media / photo.image.name) as stored:
        assert stored.size == (40, 60)
        assert ExifTags.Base.Orientation not in stored.getexif()
        # The left (red) half of the sensor is now the top half of the picture.
        red, _, blue = stored.convert("RGB").getpixel((20, 10))
        assert red > 150 and blue < 80
        red, _, blue = stored.convert("RGB").getpixel((20, 50))
        assert blue > 150 and red < 80
    with Image.open(isolated_media / photo.renditions[0]["name"]) as rendition:
        assert rendition.size == (40, 60)


def test_a_png_over_the_pixel_limit_but_under_pillows_own_is_refused_from_its_header(staff_client, isolated_media):
    response = staff_client.post(ADD, photo_form(png_declaring(8000, 8000)))
    assert "The image is 8000×8000 pixels; the limit is 50 megapixels." in response.content.decode()
    assert not Photo.objects.exists() and not [p for p in isolated_media.rglob("*") if p.is_file()]


def test_pixel_limit_is_a_setting(staff_client, settings, isolated_media):
    from .files import sized_jpeg

    settings.PHOTO_MAX_PIXELS = 100 * 100
    response = staff_client.post(ADD, photo_form(upload("a.jpg", sized_jpeg((101, 100)))))
    assert "The image is 101×100 pixels; the limit is 0.01 megapixels." in response.content.decode()
    assert not Photo.objects.exists()
