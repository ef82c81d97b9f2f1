"""Renditions: made on upload at the right widths and formats, replaced with the image, gone with the photograph."""

import datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.urls import reverse
from PIL import Image

from photos.models import Photo
from photos.renditions import widths_for
from publishing.models import Status
from tests.factories import make_photo

from .files import sized_jpeg, upload

pytestmark = pytest.mark.django_db

ADD = reverse("admin:photos_photo_add")


def stored_files(media_root):
    return sorted(str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file())


def photo_form(image, **fields):
    return {"image": image, "caption": "c", "credit": "Photo: x", "alt_text": "a", "status": "draft", **fields}


def upload_photo(staff_client, size, name="photo.jpg"):
    assert staff_client.post(ADD, photo_form(upload(name, sized_jpeg(size)))).status_code == 302
    return Photo.objects.latest("pk")


def test_widths_are_never_wider_than_the_original():
    assert widths_for(6000) == [320, 640, 960, 1280, 1920]
    assert widths_for(1920) == [320, 640, 960, 1280, 1920]
    assert widths_for(1200) == [320, 640, 960, 1200]
    assert widths_for(1000) == [320, 640, 960]  # 1000 is within a tenth of 960: no near-duplicate
    assert widths_for(200) == [200]


def test_upload_makes_webp_and_jpeg_renditions_at_each_width(staff_client, isolated_media):
    photo = upload_photo(staff_client, (2400, 1600))
    found = []
    for record in photo.renditions:
        with Image.open(isolated_media / record["name"]) as image:
            found.append((image.format, image.size))
            assert (record["width"], record["height"]) == image.size
    expected_sizes = [(320, 213), (640, 427), (960, 640), (1280, 853), (1920, 1280)]
    assert sorted(found) == sorted(
        [("JPEG", size) for size in expected_sizes] + [("WEBP", size) for size in expected_sizes]
    )
    assert all(record["name"].startswith("renditions/") for record in photo.renditions)


def test_a_small_photograph_is_never_enlarged(staff_client, isolated_media):
    photo = upload_photo(staff_client, (500, 300))
    assert sorted({(record["width"], record["height"]) for record in photo.renditions}) == [(320, 192), (500, 300)]


def test_a_transparent_png_gets_a_transparent_webp_and_a_white_jpeg(staff_client, isolated_media):
    import io

    image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    image.paste((200, 0, 0, 255), (0, 0, 200, 300))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    assert staff_client.post(ADD, photo_form(upload("chart.png", buffer.getvalue(), "image/png"))).status_code == 302
    photo = Photo.objects.get()
    by_format = {record["format"]: record for record in photo.renditions if record["width"] == 400}
    with Image.open(isolated_media / by_format["webp"]["name"]) as webp:
        assert webp.mode == "RGBA" and webp.getpixel((399, 0))[3] == 0
    with Image.open(isolated_media / by_format["jpg"]["name"]) as jpeg:
        assert min(jpeg.getpixel((399, 0))) > 245  # transparent areas come out white, not black


def test_deleting_a_photograph_in_the_admin_removes_its_files(
    staff_client, isolated_media, django_capture_on_commit_callbacks
):
    keep = upload_photo(staff_client, (700, 500), "keep.jpg")
    photo = upload_photo(staff_client, (1400, 900), "delete-me.jpg")
    assert len(photo.file_names()) == 1 + 2 * 4
    assert all((isolated_media / name).exists() for name in photo.file_names())
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:photos_photo_delete", args=[photo.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert stored_files(isolated_media) == sorted(keep.file_names())


def test_deleting_several_photographs_at_once_removes_their_files(
    staff_client, isolated_media, django_capture_on_commit_callbacks
):
    photos = [upload_photo(staff_client, (400, 300), f"{index}.jpg") for index in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:photos_photo_changelist"),
            {"action": "delete_selected", "_selected_action": [photo.pk for photo in photos], "post": "yes"},
        )
    assert response.status_code == 302
    assert not Photo.objects.exists()
    assert stored_files(isolated_media) == []


def test_replacing_the_image_remakes_renditions_and_removes_the_old_files(
    staff_client, isolated_media, django_capture_on_commit_callbacks
):
    photo = upload_photo(staff_client, (1300, 800), "first.jpg")
    old_files = photo.file_names()
    data = photo_form(upload("second.jpg", sized_jpeg((800, 1000), (10, 10, 10))))
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:photos_photo_change", args=[photo.pk]), data)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.width, photo.height, photo.original_filename) == (800, 1000, "second.jpg")
    assert {record["width"] for record in photo.renditions} == {320, 640, 800}
    assert stored_files(isolated_media) == sorted(photo.file_names())
    assert not set(old_files) & set(photo.file_names())


def test_editing_text_only_keeps_the_files(staff_client, isolated_media, django_capture_on_commit_callbacks):
    photo = upload_photo(staff_client, (800, 600))
    files = stored_files(isolated_media)
    data = photo_form("", caption="A better caption")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:photos_photo_change", args=[photo.pk]), data)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "A better caption"
    assert stored_files(isolated_media) == files


def test_rebuild_renditions_remakes_missing_files_and_leaves_one_set(isolated_media):
    photo = make_photo()
    (isolated_media / photo.renditions[0]["name"]).unlink()
    Photo.objects.filter(pk=photo.pk).update(renditions=[])
    call_command("rebuild_renditions", stdout=open("/dev/null", "w"))
    photo.refresh_from_db()
    assert len(photo.renditions) == 2
    assert stored_files(isolated_media) == sorted(photo.file_names())
    call_command("rebuild_renditions", stdout=open("/dev/null", "w"))  # again: still exactly one set
    photo.refresh_from_db()
    assert stored_files(isolated_media) == sorted(photo.file_names())


def test_rebuild_renditions_reports_a_missing_image_and_goes_on(isolated_media, capsys):
    broken, fine = make_photo(caption="broken"), make_photo(caption="fine")
    (isolated_media / broken.image.name).unlink()
    call_command("rebuild_renditions")
    out, err = capsys.readouterr()
    assert f"Photo {broken.pk}" in err
    assert "Renditions rebuilt for 1 photograph." in out
    fine.refresh_from_db()
    assert all((isolated_media / name).exists() for name in fine.file_names())


@pytest.mark.django_db(transaction=True)  # real commits and rollbacks: what decides whether a file stays
def test_when_the_database_refuses_the_row_no_file_stays(isolated_media):
    """The files are written first; a row the database refuses (here, by a constraint) must take them back."""
    from django.core.files.base import ContentFile

    from photos.forms import PhotoFileField

    now = datetime.datetime(2009, 2, 24, tzinfo=datetime.UTC)
    photo = Photo(caption="c", status=Status.DRAFT, publish_at=now, unpublish_at=now - datetime.timedelta(days=1))
    photo.image = PhotoFileField().clean(ContentFile(sized_jpeg((700, 400)), name="a.jpg"))
    with pytest.raises(IntegrityError):
        photo.save()
    assert stored_files(isolated_media) == []


@pytest.fixture
def refuse_inserts_into():
    """Make the real database refuse new rows in a table, as a full disk or a lost connection would."""
    created = []

    def refuse(table):
        trigger = f"refuse_insert_{table}"
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    f"CREATE TRIGGER {trigger} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'refused'); END"
                )
            else:
                cursor.execute(
                    f"CREATE FUNCTION {trigger}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused' "
                    f"USING ERRCODE = 'integrity_constraint_violation'; END $$ LANGUAGE plpgsql"
                )
                cursor.execute(
                    f"CREATE TRIGGER {trigger} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {trigger}()"
                )
        created.append((table, trigger))

    yield refuse
    # Tests with real commits keep what they create: the triggers go again with the test.
    with connection.cursor() as cursor:
        for table, trigger in created:
            cursor.execute(
                f"DROP TRIGGER IF EXISTS {trigger}" + ("" if connection.vendor == "sqlite" else f" ON {table}")
            )
            if connection.vendor != "sqlite":
                cursor.execute(f"DROP FUNCTION IF EXISTS {trigger}()")


@pytest.mark.django_db(transaction=True)  # real commits and rollbacks: what decides whether a file stays
def test_when_a_later_write_in_the_same_request_fails_the_new_files_go(
    staff_client, isolated_media, refuse_inserts_into
):
    """The photograph row is written, then the admin's history entry is refused: the request rolls back,
    and the image and renditions written for it must be deleted too."""
    refuse_inserts_into("django_admin_log")
    with pytest.raises(IntegrityError):
        staff_client.post(ADD, photo_form(upload("a.jpg", sized_jpeg((900, 600)))))
    assert not Photo.objects.exists()
    assert stored_files(isolated_media) == []


@pytest.mark.django_db(transaction=True)  # real commits and rollbacks: what decides whether a file stays
def test_when_the_editor_upload_row_is_refused_no_file_stays(staff_client, isolated_media, refuse_inserts_into):
    refuse_inserts_into("photos_photo")
    with pytest.raises(IntegrityError):
        staff_client.post("/markdownx/upload/", {"image": upload("a.jpg", sized_jpeg((900, 600)))})
    assert stored_files(isolated_media) == []


@pytest.mark.django_db(transaction=True)  # real commits and rollbacks: what decides whether a file stays
def test_when_a_bulk_upload_fails_half_way_no_file_stays(staff_client, isolated_media, refuse_inserts_into):
    refuse_inserts_into("django_admin_log")  # the first photograph's row is written, then its log entry fails
    files = [upload(f"{index}.jpg", sized_jpeg((500, 400))) for index in range(3)]
    with pytest.raises(IntegrityError):
        staff_client.post(reverse("admin:photos_photo_bulk_upload"), {"images": files})
    assert not Photo.objects.exists()
    assert stored_files(isolated_media) == []
