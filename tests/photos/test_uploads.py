"""Every upload path refuses every kind of bad file, says why, and leaves nothing behind."""

import pytest
from django.urls import reverse
from PIL import Image

from photos.models import Photo
from tests.html import parse, text_of
from tests.signin import sign_in_with_second_factor

from .files import BAD_FILES, png_of, sized_jpeg, upload

pytestmark = pytest.mark.django_db

ADD = reverse("admin:photos_photo_add")
EDITOR_UPLOAD = "/markdownx/upload/"
BULK_UPLOAD = reverse("admin:photos_photo_bulk_upload")


def isolated_media_path(url, settings):
    return settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL)


def stored_files(media_root):
    return sorted(str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file())


@pytest.fixture(autouse=True)
def small_size_limit(settings):
    settings.PHOTO_MAX_UPLOAD_BYTES = 10 * 1024


def photo_form(image, **fields):
    return {
        "image": image,
        "caption": "At the summit",
        "credit": "Photo: Cabinet Public Relations Office",
        "alt_text": "Two leaders shake hands",
        "status": "draft",
        **fields,
    }


@pytest.mark.parametrize("kind", BAD_FILES)
def test_photo_form_refuses_bad_file(staff_client, isolated_media, kind):
    make_file, message = BAD_FILES[kind]
    response = staff_client.post(ADD, photo_form(make_file()))
    assert response.status_code == 200
    errors = text_of(parse(response).select_one(".field-image .errorlist"))
    assert message in errors
    assert not Photo.objects.exists()
    assert stored_files(isolated_media) == []


@pytest.mark.parametrize("kind", BAD_FILES)
def test_upload_window_opened_from_a_section_refuses_bad_file(staff_client, isolated_media, kind):
    """The "+" beside the photograph picker of a section or event opens this same form in a popup."""
    make_file, message = BAD_FILES[kind]
    url = f"{ADD}?_to_field=id&_popup=1"
    response = staff_client.post(url, {**photo_form(make_file()), "_popup": "1", "_to_field": "id"})
    assert response.status_code == 200
    assert message in text_of(parse(response).select_one(".field-image .errorlist"))
    assert not Photo.objects.exists()
    assert stored_files(isolated_media) == []


@pytest.mark.parametrize("kind", BAD_FILES)
def test_editor_upload_refuses_bad_file(staff_client, isolated_media, kind):
    make_file, message = BAD_FILES[kind]
    response = staff_client.post(EDITOR_UPLOAD, {"image": make_file()})
    assert response.status_code == 400
    assert message in " ".join(response.json()["image"])
    assert not Photo.objects.exists()
    assert stored_files(isolated_media) == []


def test_bulk_upload_names_each_refused_file_and_keeps_the_good_ones(staff_client, isolated_media):
    files = [make_file() for make_file, _ in BAD_FILES.values()]
    good = [upload("first.jpg", sized_jpeg((800, 600))), upload("second.jpg", sized_jpeg((500, 700)))]
    response = staff_client.post(BULK_UPLOAD, {"images": [good[0], *files, good[1]], "credit": "Photo: MOFA"})
    soup = parse(response)
    refused = {text_of(item.strong): text_of(item) for item in soup.select(".bulk-upload-refused li")}
    assert set(refused) == {
        "chart.svg", "summit.jpg", "cut-off.jpg", "huge.png", "empty.jpg", "large.jpg", "tall.png", "sideways.jpg",
    }  # fmt: skip
    for make_file, message in BAD_FILES.values():
        assert message in refused[make_file().name]
    photos = Photo.objects.order_by("original_filename")
    assert [(p.original_filename, p.status, p.credit, p.width) for p in photos] == [
        ("first.jpg", "draft", "Photo: MOFA", 800),
        ("second.jpg", "draft", "Photo: MOFA", 500),
    ]
    assert [text_of(a) for a in soup.select(".bulk-upload-results a")] == ["first.jpg", "second.jpg"]
    # Only the two photographs' files: each image and its renditions.
    expected = sorted(name for photo in photos for name in photo.file_names())
    assert stored_files(isolated_media) == expected


def test_bulk_upload_of_only_bad_files_creates_nothing(staff_client, isolated_media):
    files = [make_file() for make_file, _ in BAD_FILES.values()]
    response = staff_client.post(BULK_UPLOAD, {"images": files})
    assert len(parse(response).select(".bulk-upload-refused li")) == len(BAD_FILES)
    assert not Photo.objects.exists()
    assert stored_files(isolated_media) == []


def test_bulk_upload_without_files_is_a_form_error(staff_client):
    response = staff_client.post(BULK_UPLOAD, {"credit": "x"})
    assert "Choose one or more files." in text_of(parse(response).select_one(".field-images .errorlist"))


def test_bulk_upload_refuses_too_many_files_at_once(staff_client, isolated_media, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 200
    files = [upload(f"{index}.jpg", sized_jpeg((20, 20))) for index in range(21)]
    response = staff_client.post(BULK_UPLOAD, {"images": files})
    assert "Choose at most 20 files at a time; you chose 21." in response.content.decode()
    assert not Photo.objects.exists() and stored_files(isolated_media) == []


def test_bulk_upload_needs_permission_to_add_photographs(client, django_user_model, isolated_media):
    user = django_user_model.objects.create_user("clerk", password="a-long-test-password", is_staff=True)
    sign_in_with_second_factor(client, user)
    response = client.post(BULK_UPLOAD, {"images": [upload("a.jpg", sized_jpeg((50, 50)))]})
    assert response.status_code == 403
    assert not Photo.objects.exists() and stored_files(isolated_media) == []


def test_bulk_upload_sends_anonymous_visitors_to_login(client, isolated_media):
    response = client.post(BULK_UPLOAD, {"images": [upload("a.jpg", sized_jpeg((50, 50)))]})
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    assert stored_files(isolated_media) == []


def test_bulk_upload_requires_the_csrf_token(staff_user, isolated_media):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    sign_in_with_second_factor(client, staff_user)
    response = client.post(BULK_UPLOAD, {"images": [upload("a.jpg", sized_jpeg((50, 50)))]})
    assert response.status_code == 403
    assert not Photo.objects.exists() and stored_files(isolated_media) == []


def test_stored_name_is_random_and_the_uploaded_name_is_kept_as_data(staff_client):
    response = staff_client.post(ADD, photo_form(upload("Aso-Obama secret venue.jpg", sized_jpeg((300, 200)))))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.original_filename == "Aso-Obama secret venue.jpg"
    folder, name = photo.image.name.rsplit("/", 1)
    assert folder.startswith("photos/") and "secret" not in name and len(name.split(".")[0]) >= 20


def test_a_gif_is_kept_as_its_first_frame_in_png(staff_client, isolated_media):
    import io

    from PIL import Image

    frames = [Image.new("P", (40, 30), index) for index in (1, 2, 3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], transparency=0)
    response = staff_client.post(ADD, photo_form(upload("anim.gif", buffer.getvalue(), "image/gif")))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.image.name.endswith(".png")
    with Image.open(isolated_media / photo.image.name) as stored:
        assert stored.format == "PNG" and getattr(stored, "n_frames", 1) == 1


def test_a_camera_jpeg_with_several_pictures_inside_is_accepted(staff_client, isolated_media):
    """Many cameras write MPO: a JPEG with a second, smaller picture appended. It is a JPEG to everyone else."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    first, second = Image.new("RGB", (300, 200), (10, 80, 160)), Image.new("RGB", (160, 120), (0, 0, 0))
    first.save(buffer, format="MPO", save_all=True, append_images=[second])
    response = staff_client.post(ADD, photo_form(upload("camera.jpg", buffer.getvalue())))
    assert response.status_code == 302
    photo = Photo.objects.get()
    with Image.open(isolated_media / photo.image.name) as stored:
        assert stored.format == "JPEG" and stored.size == (300, 200)


def test_publishing_needs_credit_and_alt_text(staff_client, isolated_media):
    response = staff_client.post(
        ADD, photo_form(upload("a.jpg", sized_jpeg((50, 50))), credit="", alt_text="", status="published")
    )
    soup = parse(response)
    assert "Required to publish the photograph." in text_of(soup.select_one(".field-credit .errorlist"))
    assert "Required to publish the photograph." in text_of(soup.select_one(".field-alt_text .errorlist"))
    assert not Photo.objects.exists() and stored_files(isolated_media) == []


@pytest.mark.django_db(transaction=True)  # real commits and rollbacks: what decides whether a file stays
def test_the_database_also_refuses_a_published_photograph_without_credit(isolated_media):
    from django.core.files.base import ContentFile
    from django.db import IntegrityError

    from photos.forms import PhotoFileField

    photo = Photo(caption="c", credit="", alt_text="a", status="published")
    photo.image = PhotoFileField().clean(ContentFile(sized_jpeg((400, 300)), name="a.jpg"))
    with pytest.raises(IntegrityError):
        photo.save()
    assert stored_files(isolated_media) == []


def test_a_tall_image_within_webps_limit_at_a_narrower_width_gets_page_copies_that_fit(staff_client, settings):
    """400×17000 is too tall for WebP at its own width; its copies are made up to the widest that fits."""
    settings.PHOTO_MAX_UPLOAD_BYTES = 1024 * 1024
    responses = [
        staff_client.post(ADD, photo_form(png_of((400, 17000), "infographic.png"))),
        staff_client.post(EDITOR_UPLOAD, {"image": png_of((400, 17000), "dropped.png")}),
        staff_client.post(BULK_UPLOAD, {"images": [png_of((400, 17000), "bulk.png"), png_of((1, 20000))]}),
    ]
    assert [response.status_code for response in responses] == [302, 200, 200]
    assert "tall.png" in text_of(parse(responses[2]).select_one(".bulk-upload-refused"))
    photos = Photo.objects.order_by("original_filename")
    assert [photo.original_filename for photo in photos] == ["bulk.png", "dropped.png", "infographic.png"]
    for photo in photos:
        assert (photo.width, photo.height) == (400, 17000)
        sizes = {(record["width"], record["height"]) for record in photo.renditions}
        assert sizes == {(320, 13600), (385, 16362)}
        with Image.open(isolated_media_path(photo.picture.large_url, settings)) as largest:
            assert largest.size == (385, 16362)
