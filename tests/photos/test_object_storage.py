"""Photographs on an S3-compatible object store (several app servers): moto's S3 server on loopback stands in
for the bucket. Uploads, renditions, the URLs pages show, rollbacks and deletions all reach the bucket."""

import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse

from photos.models import Photo
from photos.storage import keep_files_only_on_commit
from tests.s3 import KEYS, bucket_keys, s3_client
from tests.s3 import s3_server as moto_server
from tests.security.stack import free_port

from .files import sized_jpeg, upload

pytestmark = pytest.mark.django_db

BUCKET = "embassy-media"


@pytest.fixture(scope="module")
def s3_server():
    with moto_server() as address:
        yield address


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    for name, value in KEYS.items():
        monkeypatch.setenv(name, value)
    client = s3_client(s3_server)
    name = f"{BUCKET}-{free_port()}"
    client.create_bucket(Bucket=name)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "embassy.s3.TransactionalS3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "file_overwrite": False,
                "default_acl": None,
            },
        },
    }
    return lambda: bucket_keys(client, name)


def photo_form(image, **fields):
    return {"image": image, "caption": "c", "credit": "Photo: x", "alt_text": "a", "status": "draft", **fields}


def test_upload_stores_the_photograph_and_its_renditions_in_the_bucket(
    bucket, staff_client, isolated_media, django_capture_on_commit_callbacks
):
    add = reverse("admin:photos_photo_add")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(add, photo_form(upload("summit.jpg", sized_jpeg((1400, 900)))))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert sorted(photo.file_names()) == bucket()
    assert len(bucket()) == 1 + 2 * 4  # the original and a WebP and a JPEG at four widths
    assert not any(isolated_media.rglob("*.*")), "nothing was written to the local disk"

    # The URLs a page shows fetch the very bytes from the store.
    for name in photo.file_names():
        url = default_storage.url(name)
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url, timeout=10) as fetched:
            assert fetched.status == 200
            assert fetched.read() == default_storage.open(name).read()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:photos_photo_delete", args=[photo.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert bucket() == []


@pytest.mark.django_db(transaction=True)  # real commits and rollbacks: what decides whether a file stays
def test_a_rolled_back_request_leaves_nothing_in_the_bucket(bucket):
    # As in a request whose view fails after saving a file (photos.storage): the object is deleted again.
    with pytest.raises(RuntimeError), keep_files_only_on_commit(), transaction.atomic():
        name = default_storage.save("photos/half-saved.jpg", ContentFile(sized_jpeg((40, 30))))
        assert bucket() == [name]
        raise RuntimeError("the view failed after storing the file")
    assert bucket() == []
