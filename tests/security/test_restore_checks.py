"""`manage.py restore` checks the whole archive before it touches anything, and swaps files in whole.

Every archive here is made by `manage.py backup` from a small installation, then damaged on purpose.
The installation restored into has other content, so that a half-applied restore would show.
"""

import gzip
import hashlib
import io
import json
import shutil
import sqlite3
import tarfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .stack import manage, production_environment

SOURCE_CONTENT = """
from django.core.files.base import ContentFile
from photos.models import Photo
from tests.factories import jpeg_bytes, make_page, make_section
page = make_page("Overview", slug="overview")
make_section(page, "Security", slug="security")
photo = Photo(caption="Aegis ship", credit="Photo: Test", alt_text="A ship", status="published")
photo.image.save("ship.jpg", ContentFile(jpeg_bytes((80, 60))), save=False)
photo.save()
"""
TARGET_CONTENT = """
from tests.factories import make_page
make_page("Something else entirely", slug="elsewhere")
"""


def installation(root, content):
    # SQLite installations in both passes: what is checked here is the archive, before any database is touched,
    # and the state is read from the file. Restoring into PostgreSQL: tests/security/test_backup_restore.py.
    env = production_environment(root, DATABASE_URL=f"sqlite:///{root / 'db.sqlite3'}")
    manage(env, "migrate", "--noinput")
    manage(env, "shell", "--no-imports", "-c", content)
    (root / "media" / "notes").mkdir(parents=True, exist_ok=True)
    (root / "media" / "notes" / "kept.txt").write_text("a file only the target has")
    return env


def state(root):
    """Every row of every table, and every media file: what a restore may change."""
    connection = sqlite3.connect(f"file:{root / 'db.sqlite3'}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = {table: sorted(map(repr, connection.execute(f'SELECT * FROM "{table}"'))) for table in tables}
    finally:
        connection.close()
    media = {str(p.relative_to(root / "media")): p.read_bytes() for p in (root / "media").rglob("*") if p.is_file()}
    return rows, media


def leftovers(root):
    """Temporary files a restore may write beside its targets: none may stay."""
    return sorted(str(path) for path in root.rglob("*restoring*"))


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    base = tmp_path_factory.mktemp("restore-checks")
    source = installation(base / "source", SOURCE_CONTENT)
    archive = manage(source, "backup", f"--output-dir={base / 'archives'}").stdout.strip()
    target_root = base / "target"
    target = installation(target_root, TARGET_CONTENT)
    pristine = base / "pristine-target"
    shutil.copytree(target_root, pristine)
    return {
        "archive": open(archive, "rb").read(),
        "source_state": state(base / "source"),
        "target": target,
        "target_root": target_root,
        "pristine": pristine,
        "base": base,
    }


def reset(sites):
    shutil.rmtree(sites["target_root"])
    shutil.copytree(sites["pristine"], sites["target_root"])


def restore(sites, archive_bytes, name="damaged.tar.gz"):
    path = sites["base"] / name
    path.write_bytes(archive_bytes)
    return manage(sites["target"], "restore", "--force", str(path), check=False)


def assert_refused_and_unchanged(sites, result):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("CommandError: Could not restore") and "\n" not in result.stderr.strip()
    assert state(sites["target_root"]) == state(sites["pristine"])
    assert leftovers(sites["target_root"]) == []


def members(archive_bytes):
    with tarfile.open(fileobj=io.BytesIO(archive_bytes), mode="r:gz") as tar:
        return {member.name: tar.extractfile(member).read() for member in tar.getmembers()}


def repack(files, extra=()):
    """An archive with ``files`` ({name: bytes}) and ``extra`` TarInfo members (links and the like)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
        for info in extra:
            tar.addfile(info)
    return buffer.getvalue()


def with_manifest(files, change):
    manifest = json.loads(files["manifest.json"])
    change(manifest)
    return {**files, "manifest.json": json.dumps(manifest).encode()}


def test_an_untouched_archive_restores(sites):
    reset(sites)
    result = restore(sites, sites["archive"], "good.tar.gz")
    assert result.returncode == 0, result.stderr
    rows, media = state(sites["target_root"])
    source_rows, source_media = sites["source_state"]
    assert rows["sections_section"] == source_rows["sections_section"]
    assert {name: media[name] for name in source_media} == source_media
    assert leftovers(sites["target_root"]) == []
    reset(sites)


def test_a_manifest_naming_a_path_outside_media_is_refused_before_the_database_is_replaced(sites):
    files = members(sites["archive"])
    database = json.loads(files["manifest.json"])["database"]
    # Its checksum matches (it is the database file itself, reached from media/ by ".."), so only the
    # path can give it away, and that must happen before the database is replaced.
    outside = {"path": "../database.sqlite3", "size": len(files[database["file"]]), "sha256": database["sha256"]}
    damaged = with_manifest(files, lambda manifest: manifest["media"].append(outside))
    result = restore(sites, repack(damaged))
    assert_refused_and_unchanged(sites, result)
    assert "unsafe path: '../database.sqlite3'" in result.stderr


def test_a_truncated_archive_is_one_line_and_changes_nothing(sites):
    result = restore(sites, sites["archive"][: len(sites["archive"]) * 2 // 3])
    assert_refused_and_unchanged(sites, result)
    assert "damaged or incomplete" in result.stderr


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda files: {**files, "media/extra.txt": b"not in the manifest"}, "not the ones its manifest lists"),
        (lambda files: {n: c for n, c in files.items() if not n.startswith("media/")}, "not the ones its manifest"),
        (lambda files: {**files, "database.sqlite3": b"SQLite format 3\x00" + b"\x00" * 200}, "checksum"),
        (lambda files: with_manifest(files, lambda m: m["database"].update(vendor="postgresql")), "postgresql"),
        (lambda files: with_manifest(files, lambda m: m["media"][0].update(size=1)), "not the size"),
        (lambda files: {**files, "manifest.json": b"[" * 100_000}, "not valid JSON"),
    ],
)
def test_damaged_archives_are_refused_and_change_nothing(sites, damage, message):
    result = restore(sites, repack(damage(members(sites["archive"]))))
    assert_refused_and_unchanged(sites, result)
    assert message in result.stderr


def test_a_database_that_is_not_this_sites_is_refused(sites, tmp_path):
    other = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    content = other.read_bytes()
    files = with_manifest(
        {**members(sites["archive"]), "database.sqlite3": content},
        lambda manifest: manifest["database"].update(sha256=hashlib.sha256(content).hexdigest()),
    )
    result = restore(sites, repack(files))
    assert_refused_and_unchanged(sites, result)
    assert "not a database of this site" in result.stderr


def test_a_link_member_is_refused(sites):
    link = tarfile.TarInfo("media/photos/link.jpg")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    result = restore(sites, repack(members(sites["archive"]), extra=[link]))
    assert_refused_and_unchanged(sites, result)


# Mutations of the whole archive: each restore either succeeds, or fails with one line and changes nothing.

MUTATIONS = st.one_of(
    st.tuples(st.just("flip compressed"), st.lists(st.integers(0, 10**6), min_size=1, max_size=3)),
    st.tuples(st.just("flip uncompressed"), st.lists(st.integers(0, 10**6), min_size=1, max_size=3)),
    st.tuples(st.just("truncate"), st.floats(0, 1)),
)


def flip(data, positions):
    data = bytearray(data)
    for position in positions:
        data[position % len(data)] ^= 1 << (position % 8)
    return bytes(data)


def mutated(archive, mutation):
    kind, argument = mutation
    if kind == "flip compressed":
        return flip(archive, argument)
    if kind == "flip uncompressed":
        # Past gzip's checksum, so that the damage reaches the tar headers and the files themselves.
        return gzip.compress(flip(gzip.decompress(archive), argument))
    return archive[: int(len(archive) * argument)]


def test_mutated_archives_restore_whole_or_not_at_all(sites):
    @settings(
        max_examples=12, derandomize=True, deadline=None, database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )  # fmt: skip
    @given(MUTATIONS)
    def check(mutation):
        result = restore(sites, mutated(sites["archive"], mutation))
        if result.returncode == 0:
            rows, _media = state(sites["target_root"])
            assert rows["sections_section"] == sites["source_state"][0]["sections_section"]
            reset(sites)
        else:
            assert_refused_and_unchanged(sites, result)

    check()
