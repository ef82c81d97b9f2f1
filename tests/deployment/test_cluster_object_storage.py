"""The cluster with its media in a bucket (moto's S3 server on loopback): an upload through app server A is
stored in the bucket with its renditions, shown by B at nginx's address, served by nginx from the bucket,
and gone from the bucket and from nginx when B deletes it."""

import json

import pytest

from tests.factories import jpeg_bytes
from tests.s3 import KEYS, bucket_keys, s3_client, s3_server
from tests.security.stack import free_port

from .cluster import start_cluster
from .test_cluster import multipart

pytestmark = [pytest.mark.deployment, pytest.mark.cluster]

BUCKET = "embassy-media"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{BUCKET}/*"}
    ],
}


@pytest.fixture(scope="module")
def bucket_cluster(tmp_path_factory):
    with s3_server() as store:
        client = s3_client(store)
        client.create_bucket(Bucket=BUCKET)
        # As docs/deploy.md asks: anyone may read an object (nginx fetches them unsigned), nobody may list.
        client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
        https_port = free_port()
        cluster = start_cluster(
            tmp_path_factory.mktemp("cluster-bucket"),
            media_store=f"{store}/{BUCKET}/",
            https_port=https_port,
            AWS_STORAGE_BUCKET_NAME=BUCKET,
            AWS_S3_ENDPOINT_URL=store,
            AWS_S3_REGION_NAME="us-east-1",
            # Pages point at nginx, which fetches /media/ from the bucket.
            AWS_S3_CUSTOM_DOMAIN=f"127.0.0.1:{https_port}/media",
            **KEYS,
        )
        try:
            yield cluster, lambda: bucket_keys(client, BUCKET)
        finally:
            cluster.stop()


def test_a_photograph_uploaded_through_a_is_stored_in_the_bucket_and_served_through_b_and_nginx(bucket_cluster):
    cluster, objects = bucket_cluster
    a, b = cluster.app_ports["a"], cluster.app_ports["b"]
    demo_objects = set(objects())
    staff = cluster.client()
    assert staff.login(app_port=a).status == 302

    add_photo = f"{cluster.admin_url}photos/photo/add/"
    fields = staff.form_data(add_photo, "form#photo_form", app_port=a)
    fields.update({"caption": "In the bucket", "credit": "Photo: Embassy", "alt_text": "A", "status": "draft"})
    body, content_type = multipart(fields, "image", "bucket.jpg", jpeg_bytes((1400, 900)))
    referer = f"https://127.0.0.1:{cluster.https_port}{add_photo}"
    response = staff.request(
        "POST", add_photo, body=body, headers={"Content-Type": content_type, "Referer": referer}, app_port=a
    )
    assert response.status == 302, response.text[:2000]
    new_objects = set(objects()) - demo_objects
    assert len(new_objects) == 1 + 2 * 4  # the original, a WebP and a JPEG at each of four widths
    assert not any(path.is_file() for path in cluster.media_root.rglob("*")), "nothing on the app servers' disks"

    library = staff.get(f"{cluster.admin_url}photos/photo/?q=In+the+bucket", app_port=b)
    thumbnail = library.soup().select_one("img.photo-thumbnail")["src"]
    prefix = f"https://127.0.0.1:{cluster.https_port}/media/"
    assert thumbnail.startswith(prefix)
    name = thumbnail.removeprefix(prefix)
    assert name in new_objects
    served = cluster.client().get(f"/media/{name}")
    assert served.status == 200
    assert served.body[:3] == b"\xff\xd8\xff" or served.body[:4] == b"RIFF"
    assert served.header("X-Content-Type-Options") == "nosniff"
    assert served.header("Content-Security-Policy") == "default-src 'none'; sandbox"
    # The store's own headers that would change what a browser does are not passed on.
    assert served.header("Access-Control-Allow-Origin") is None and served.header("Set-Cookie") is None

    change = library.soup().select_one("a[href*='/change/']")["href"]
    delete = change.replace("/change/", "/delete/")
    data = staff.form_data(delete, "form", app_port=b)
    data["post"] = "yes"
    assert staff.post_form(delete, data, app_port=b).status == 302
    assert set(objects()) == demo_objects
    assert cluster.client().get(f"/media/{name}").status == 404
