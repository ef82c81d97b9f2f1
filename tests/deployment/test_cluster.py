"""Two app servers behind nginx, sharing PostgreSQL, Redis and the media folder, as docs/deploy.md sets them up.

One test walks through the cluster's life in order (each step builds on the one before): an edit, a login
and an upload through app server A are seen through B and through nginx; B stops in the middle of a burst
of visitors and nobody notices; Redis restarts and the site goes on.
"""

import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.factories import jpeg_bytes

from .cluster import wait_until

pytestmark = [pytest.mark.deployment, pytest.mark.cluster]

BURST_READERS = 6
BURST_REQUESTS = 40  # each reader's requests, all through nginx
BURST_SAVERS = 4  # staff members saving all through the burst, each in a session of their own
BURST_SAVES = 12  # each one's saves


def add_event(client, cluster, slug, title, app_port):
    add_path = f"{cluster.admin_url}events/event/add/"
    data = client.form_data(add_path, "form#event_form", app_port=app_port)
    data.update(
        {"title": title, "slug": slug, "starts_on": "2009-02-24", "status": "published", "summary": "S.", "body": "B."}
    )
    return client.post_form(add_path, data, app_port=app_port)


def multipart(fields, file_field, filename, content):
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
        f"Content-Type: image/jpeg\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def test_two_app_servers_share_content_sessions_and_media_and_survive_failures(cluster):
    a, b = cluster.app_ports["a"], cluster.app_ports["b"]
    visitor = cluster.client(source="127.0.2.1")
    # Every cache warmed: B's page cache (in Redis) and nginx's micro-cache hold the list of events.
    assert "Summit on the cluster" not in visitor.get("/events/", app_port=b).text
    assert "Summit on the cluster" not in visitor.get("/events/").text
    assert visitor.get("/events/").header("X-Cache-Status") == "HIT"

    # Static files come from nginx's disk, cached for ever.
    stylesheet = visitor.get("/").soup().select_one("link[rel=stylesheet]")["href"]
    static = visitor.get(stylesheet, headers={"Accept-Encoding": "identity"})
    assert static.status == 200 and "immutable" in static.header("Cache-Control")
    assert static.body == (Path(cluster.env["STATIC_ROOT"]) / stylesheet.removeprefix("/static/")).read_bytes()
    assert static.header("X-Cache-Status") is None  # not passed to an app server at all

    # A staff member signs in through A and is signed in through B as well.
    staff = cluster.client()
    assert staff.login(app_port=a).status == 302
    assert staff.get(cluster.admin_url, app_port=b).status == 200

    # An edit saved through A: B shows it at once, nginx within its one-second micro-cache.
    assert add_event(staff, cluster, "summit-on-the-cluster", "Summit on the cluster", a).status == 302
    assert "Summit on the cluster" in visitor.get("/events/", app_port=b).text
    assert wait_until(lambda: "Summit on the cluster" in visitor.get("/events/").text, seconds=3)
    # Staff never get nginx's cached copies.
    assert staff.get("/events/").header("X-Cache-Status") in ("BYPASS", None)

    # A photograph uploaded through A is listed by B, and nginx serves its files.
    add_photo = f"{cluster.admin_url}photos/photo/add/"
    fields = staff.form_data(add_photo, "form#photo_form", app_port=a)
    fields.update({"caption": "Uploaded through A", "credit": "Photo: Embassy", "alt_text": "A", "status": "draft"})
    body, content_type = multipart(fields, "image", "cluster.jpg", jpeg_bytes((900, 600)))
    referer = f"https://127.0.0.1:{cluster.https_port}{add_photo}"
    response = staff.request(
        "POST", add_photo, body=body, headers={"Content-Type": content_type, "Referer": referer}, app_port=a
    )
    assert response.status == 302, response.text[:2000]
    library = staff.get(f"{cluster.admin_url}photos/photo/?q=Uploaded+through+A", app_port=b)
    thumbnail = library.soup().select_one("img.photo-thumbnail")["src"]
    assert thumbnail.startswith("/media/")
    served = visitor.get(thumbnail)
    assert served.status == 200 and served.body == (cluster.media_root / thumbnail.removeprefix("/media/")).read_bytes()

    # B stops in the middle of a burst of visitors and of staff saves: nginx sends everything to A. Saves
    # go on all through B's stopping, so that some are sent to B just as it closes its socket.
    savers = [cluster.client() for _ in range(BURST_SAVERS)]
    assert all(saver.login(app_port=a).status == 302 for saver in savers)
    started = threading.Barrier(BURST_READERS + BURST_SAVERS)
    stop_b = threading.Event()

    def read(number):
        reader = cluster.client(source=f"127.0.3.{number + 1}")
        started.wait(timeout=60)
        statuses = []
        for index in range(BURST_REQUESTS):
            if index == BURST_REQUESTS // 4 and number == 0:
                stop_b.set()
            # A query string of its own: every request goes past nginx's cache to an app server.
            statuses.append(reader.get(f"/events/?reader={number}&request={index}").status)
        return statuses

    def save(number):
        started.wait(timeout=60)
        saver = savers[number]
        return [
            add_event(saver, cluster, f"burst-save-{number}-{index}", f"Burst save {number}.{index}", None).status
            for index in range(BURST_SAVES)
        ]

    with ThreadPoolExecutor(max_workers=BURST_READERS + BURST_SAVERS) as pool:
        readers = [pool.submit(read, number) for number in range(BURST_READERS)]
        saves = [pool.submit(save, number) for number in range(BURST_SAVERS)]
        assert stop_b.wait(timeout=120)
        cluster.stop_process("b")
        statuses = [status for future in readers for status in future.result(timeout=300)]
        save_statuses = [status for future in saves for status in future.result(timeout=300)]
    assert statuses == [200] * (BURST_READERS * BURST_REQUESTS)
    assert save_statuses == [302] * (BURST_SAVERS * BURST_SAVES)
    for number in range(BURST_SAVERS):
        for index in range(BURST_SAVES):
            assert visitor.get(f"/events/burst-save-{number}-{index}/").status == 200
    assert add_event(staff, cluster, "after-b-stopped", "After B stopped", None).status == 302

    # Redis restarts (its contents lost): pages render again, and the staff member is still signed in,
    # since sessions are written through to PostgreSQL.
    cluster.stop_process("redis")
    cluster.start_redis()
    assert wait_until(lambda: visitor.get("/events/?after-redis").status == 200, seconds=10)
    assert "After B stopped" in visitor.get("/events/?after-redis-again").text
    assert staff.get(cluster.admin_url, app_port=a).status == 200
