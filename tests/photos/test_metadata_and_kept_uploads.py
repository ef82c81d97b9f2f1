"""An agency's IPTC/XMP credit offered for confirmation, HEIC stored as JPEG, and a file kept across a refusal."""

import io
import struct

import pillow_heif
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image, IptcImagePlugin

from photos.images import clean_image
from photos.models import Photo
from tests.html import parse, text_of
from tests.signin import sign_in_with_second_factor

pytestmark = pytest.mark.django_db

ADD = reverse("admin:photos_photo_add")


def iptc_segment(fields):
    """A JPEG APP13 segment (Photoshop 3.0, resource 0x0404) holding IPTC IIM record 2 ``{dataset: text}``."""
    iim = b"".join(b"\x1c\x02" + bytes([dataset]) + struct.pack(">H", len(value)) + value
                   for dataset, value in ((d, t.encode()) for d, t in fields.items()))  # fmt: skip
    if len(iim) % 2:
        iim += b"\x00"
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iim)) + iim
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def agency_jpeg(iptc=None, xmp=None):
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (30, 90, 160)).save(buffer, format="JPEG", **({"xmp": xmp} if xmp else {}))
    data = buffer.getvalue()
    if iptc:
        data = data[:2] + iptc_segment(iptc) + data[2:]  # right after the start-of-image marker
    return data


XMP = b"""<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
 photoshop:Credit="Photo: Kyodo News">
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Leaders meet in Tokyo</rdf:li></rdf:Alt></dc:description>
<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">\xc2\xa9 Kyodo News</rdf:li></rdf:Alt></dc:rights>
</rdf:Description></rdf:RDF></x:xmpmeta>"""


def upload(content, name="agency.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_iptc_credit_and_copyright_are_read_before_the_metadata_is_stripped():
    data = agency_jpeg(iptc={110: "Photo: Jiji Press", 116: "Jiji Press Ltd.", 120: "The signing ceremony"})
    cleaned = clean_image(upload(data))
    assert cleaned.suggestions == {
        "credit": "Photo: Jiji Press",
        "copyright_holder": "Jiji Press Ltd.",
        "caption": "The signing ceremony",
    }
    stored = Image.open(io.BytesIO(cleaned.content))
    assert IptcImagePlugin.getiptcinfo(stored) is None and "xmp" not in stored.info


def test_xmp_caption_credit_and_rights_are_read():
    cleaned = clean_image(upload(agency_jpeg(xmp=XMP)))
    assert cleaned.suggestions == {
        "caption": "Leaders meet in Tokyo",
        "credit": "Photo: Kyodo News",
        "copyright_holder": "© Kyodo News",
    }


def test_an_xmp_packet_with_entities_costs_the_suggestions_not_the_upload():
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><x>&b;</x>'
    cleaned = clean_image(upload(agency_jpeg(xmp=bomb)))
    assert cleaned.suggestions == {} and cleaned.width == 80


def test_a_heic_from_a_phone_is_stored_as_a_jpeg_without_its_metadata(staff_client, isolated_media):
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {2: (38.0, 53.0, 0.0)}  # GPS
    Image.new("RGB", (64, 48), (200, 40, 40)).save(buffer, format="HEIF", exif=exif.tobytes())
    assert pillow_heif.is_supported(buffer.getvalue())
    response = staff_client.post(
        ADD,
        {
            "image": upload(buffer.getvalue(), "IMG_0042.HEIC", "image/heic"),
            "caption": "From a phone",
            "credit": "Photo: Embassy of Japan",
            "alt_text": "A red square",
            "status": "draft",
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.image.name.endswith(".jpg") and photo.original_filename == "IMG_0042.HEIC"
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG" and stored.size == (64, 48)
        assert not stored.getexif()


def test_suggestions_fill_empty_fields_only_and_wait_for_the_editor_to_confirm(staff_client, isolated_media):
    data = agency_jpeg(iptc={110: "Photo: Jiji Press", 116: "Jiji Press Ltd.", 120: "From the agency"})
    form = {"image": upload(data), "caption": "Our own caption", "credit": "", "alt_text": "Ministers sign"}
    response = staff_client.post(ADD, {**form, "status": "draft"})
    assert response.status_code == 200 and not Photo.objects.exists()
    soup = parse(response)
    assert soup.select_one("#id_credit")["value"] == "Photo: Jiji Press"
    assert soup.select_one("#id_copyright_holder")["value"] == "Jiji Press Ltd."
    assert soup.select_one("#id_caption")["value"] == "Our own caption"  # filled in by the editor: kept
    assert "Suggested from the file's IPTC/XMP data" in text_of(soup.select_one(".field-credit"))
    assert list(isolated_media.rglob("*.*")) == []  # nothing stored until it is saved
    # Confirmed by saving again, without choosing the file a second time.
    token = soup.select_one("input[name=image_kept]")["value"]
    confirmed = {name: soup.select_one(f"#id_{name}")["value"] for name in ("caption", "credit", "copyright_holder")}
    response = staff_client.post(
        ADD, {**confirmed, "alt_text": "Ministers sign", "status": "draft", "image_kept": token}
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.credit, photo.copyright_holder, photo.original_filename) == (
        "Photo: Jiji Press",
        "Jiji Press Ltd.",
        "agency.jpg",
    )


def test_the_chosen_file_survives_another_fields_error(staff_client, isolated_media):
    form = {"caption": "Kept", "credit": "Photo: Embassy", "alt_text": "A blue square", "status": "draft"}
    response = staff_client.post(ADD, {**form, "image": upload(agency_jpeg()), "source_url": "not an address"})
    assert response.status_code == 200 and not Photo.objects.exists()
    soup = parse(response)
    assert "agency.jpg" in text_of(soup.select_one(".kept-upload"))
    token = soup.select_one("input[name=image_kept]")["value"]
    response = staff_client.post(ADD, {**form, "image_kept": token, "source_url": ""})
    assert response.status_code == 302
    assert Photo.objects.get().image


def test_a_kept_file_is_its_uploaders_alone(staff_client, django_user_model, isolated_media):
    form = {"caption": "Kept", "credit": "Photo: Embassy", "alt_text": "A blue square", "status": "draft"}
    response = staff_client.post(ADD, {**form, "image": upload(agency_jpeg()), "source_url": "not an address"})
    token = parse(response).select_one("input[name=image_kept]")["value"]
    other = django_user_model.objects.create_superuser("other", "other@example.org", "another-password-123")
    other_client = Client()
    sign_in_with_second_factor(other_client, other)
    response = other_client.post(ADD, {**form, "image_kept": token})
    assert response.status_code == 200 and not Photo.objects.exists()
    assert "This field is required" in text_of(parse(response).select_one(".field-image"))


@pytest.mark.parametrize("token", ["", "x" * 43, "../../etc/passwd", "a" * 500])
def test_a_made_up_kept_token_is_a_form_error(staff_client, token):
    form = {"caption": "Kept", "credit": "Photo: Embassy", "alt_text": "A blue square", "status": "draft"}
    response = staff_client.post(ADD, {**form, "image_kept": token})
    assert response.status_code == 200 and not Photo.objects.exists()
