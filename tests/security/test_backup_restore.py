"""`manage.py backup` while the site is being written to, then `manage.py restore` into an empty installation."""

import json
import subprocess
import sys
import tarfile

import pytest

from .stack import REPO, manage, production_environment

MAX_WRITES = 2000

# Adds photographs (with their files) and events one by one, as editors would, saying after each, until
# the test leaves a stop file (or MAX_WRITES is reached).
WRITER = """
import os, pathlib, time
from django.core.files.base import ContentFile
from events.models import Event
from photos.models import Photo
from tests.factories import jpeg_bytes
stop = pathlib.Path(os.environ["STOP_WRITING_FILE"])
for number in range({max_writes}):
    if stop.exists():
        break
    photo = Photo(caption=f"Written during the backup {{number}}", credit="Photo: Test", alt_text="A test",
                  status="published")
    photo.image.save(f"w{{number}}.jpg", ContentFile(jpeg_bytes((40 + number % 50, 30))), save=False)
    photo.save()
    Event.objects.create(title=f"Event {{number}}", slug=f"written-{{number}}", starts_on="2009-02-24")
    print(number, flush=True)
    time.sleep(0.01)
"""


def records(env):
    dumped = manage(env, "dumpdata", "--exclude=contenttypes", "--exclude=auth.permission").stdout
    return {(row["model"], row["pk"]): row["fields"] for row in json.loads(dumped)}


def media_files(root):
    return {str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def live(tmp_path):
    env = production_environment(tmp_path / "live")
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage({**env, "DJANGO_SUPERUSER_PASSWORD": "a-long-test-password"}, "createsuperuser", "--noinput",
           "--username=editor", "--email=editor@example.org")  # fmt: skip
    return env


def test_a_backup_taken_during_writes_restores_into_an_empty_installation(live, tmp_path):
    before = records(live)
    stop = tmp_path / "stop-writing"
    writer = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", WRITER.format(max_writes=MAX_WRITES)],
        cwd=REPO, env={**live, "STOP_WRITING_FILE": str(stop)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        written_before_backup = [writer.stdout.readline() for _ in range(3)]
        assert written_before_backup[-1].strip() == "2", writer.stderr.read()
        archive = manage(live, "backup", f"--output-dir={tmp_path / 'archives'}").stdout.strip()
        # The writer is still going: three more writes after the backup ended, then it stops.
        written_after_backup = [writer.stdout.readline() for _ in range(3)]
        assert all(line.strip() for line in written_after_backup), writer.stderr.read()
    finally:
        stop.touch()
        writer.wait(timeout=120)
    assert writer.returncode == 0, writer.stderr.read()
    assert archive.endswith(".tar.gz") and "embassy-backup-" in archive
    # On PostgreSQL (the suite's second pass) the snapshot is pg_dump's, on SQLite the online backup API's.
    on_postgres = live["DATABASE_URL"].startswith("postgres")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        assert manifest["database"] == {
            "vendor": "postgresql" if on_postgres else "sqlite",
            "file": "database.pgdump" if on_postgres else "database.sqlite3",
            "sha256": manifest["database"]["sha256"],
        }
        assert tar.extractfile(manifest["database"]["file"]).read(5) == (b"PGDMP" if on_postgres else b"SQLit")

    fresh = production_environment(tmp_path / "fresh")
    result = manage(fresh, "restore", archive)
    assert "Restored the backup" in result.stdout

    live_records, restored = records(live), records(fresh)
    # Everything that existed before the backup, and what the writer had written by then, came back …
    assert before.keys() <= restored.keys()
    restored_titles = {fields.get("title") for (model, _pk), fields in restored.items() if model == "events.event"}
    assert {"Event 0", "Event 1", "Event 2"} <= restored_titles
    # … but not what was written after it ended …
    live_titles = {fields.get("title") for (model, _pk), fields in live_records.items() if model == "events.event"}
    assert len(restored_titles) <= len(live_titles) - 3
    # … every record exactly as it was, and nothing that never existed.
    for key, fields in restored.items():
        assert live_records.get(key) == fields, key
    # A consistent snapshot: an event is never there without the photograph written just before it.
    photos = {fields["caption"] for (model, _pk), fields in restored.items() if model == "photos.photo"}
    for title in restored_titles:
        if title and title.startswith("Event "):
            assert f"Written during the backup {title.removeprefix('Event ')}" in photos

    live_media, restored_media = media_files(tmp_path / "live/media"), media_files(tmp_path / "fresh/media")
    for name, content in restored_media.items():
        assert live_media[name] == content, name
    for (model, _pk), fields in restored.items():
        if model == "photos.photo":
            assert restored_media[fields["image"]] == live_media[fields["image"]]

    # The restored site serves (after `make serve`'s collectstatic): its users sign in, its pages render.
    manage(fresh, "collectstatic", "--noinput")
    check = manage(fresh, "shell", "--no-imports", "-c", (
        "from django.contrib.auth.models import User; from django.test import Client;"
        "print(User.objects.get(username='editor').check_password('a-long-test-password'),"
        " Client().get('/', HTTP_HOST='127.0.0.1', secure=True).status_code)"
    ))  # fmt: skip
    assert check.stdout.split() == ["True", "200"]


def test_restore_refuses_to_overwrite_an_installation_with_content(live, tmp_path):
    archive = manage(live, "backup", f"--output-dir={tmp_path / 'archives'}").stdout.strip()
    result = manage(live, "restore", archive, check=False)
    assert result.returncode != 0 and "already has content" in result.stderr


def test_restore_refuses_a_damaged_archive(live, tmp_path):
    archive = tmp_path / "not-a-backup.tar.gz"
    archive.write_bytes(b"\x1f\x8b garbage")
    fresh = production_environment(tmp_path / "fresh")
    result = manage(fresh, "restore", str(archive), check=False)
    assert result.returncode != 0 and "Could not restore" in result.stderr
