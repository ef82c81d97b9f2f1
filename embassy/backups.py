"""Backups of the whole site in one file: a consistent copy of the database and every media file.

The archive is a gzipped tar holding ``manifest.json`` (what is inside, with a SHA-256 for every
file), the database (``database.sqlite3`` made with SQLite's online backup API, or ``database.pgdump``
made with ``pg_dump``) and ``media/``. The database is copied first, in one consistent snapshot, while
the site keeps running; media files are copied after it, so every file the copied database refers to is
in the archive (files uploaded in between come along too, harmlessly unreferenced).
"""

import contextlib
import hashlib
import io
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections

from publishing.registry import public_content_models

from .files import PARTIAL_PREFIX

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_NAME = "database.sqlite3"
PGDUMP_NAME = "database.pgdump"
MEDIA_PREFIX = "media"


class BackupError(Exception):
    pass


def database_vendor(alias="default"):
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def sqlite_path(alias="default"):
    name = str(settings.DATABASES[alias]["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError("The database is in memory; there is nothing on disk to back up or restore.")
    return Path(name)


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _postgres_environment(alias="default"):
    database = settings.DATABASES[alias]
    env = dict(os.environ)
    for key, variable in [("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")]:
        if database.get(key):
            env[variable] = str(database[key])
    return env, database["NAME"]


def copy_sqlite(source_path, target_path):
    """Copy a live SQLite database with the online backup API: a consistent snapshot, writers not stopped."""
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=30)
    target = sqlite3.connect(target_path)
    try:
        with target:
            source.backup(target)
        # A single self-contained file in the archive, whatever mode the live database runs in.
        target.execute("PRAGMA journal_mode=DELETE")
        (result,) = target.execute("PRAGMA integrity_check").fetchone()
        if result != "ok":
            raise BackupError(f"The copied database failed SQLite's integrity check: {result}")
    finally:
        target.close()
        source.close()


def media_files(media_root):
    media_root = Path(media_root)
    if not media_root.is_dir():
        return
    for directory, _dirnames, filenames in os.walk(media_root):
        for filename in sorted(filenames):
            path = Path(directory, filename)
            if filename.startswith(PARTIAL_PREFIX):
                continue  # still being written (embassy.files): no row in the copied database refers to it yet
            if path.is_file() and not path.is_symlink():
                yield path, path.relative_to(media_root).as_posix()


def create_backup(output_dir, alias="default", now=None):
    """Write one archive into ``output_dir`` and return its path."""
    vendor = database_vendor(alias)
    now = now or datetime.now(UTC)
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    archive_path = output_dir / f"embassy-backup-{now:%Y%m%d-%H%M%S-%f}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="embassy-backup-") as work:
        work = Path(work)
        if vendor == "sqlite":
            database_file = work / SQLITE_NAME
            copy_sqlite(sqlite_path(alias), database_file)
        else:
            database_file = work / PGDUMP_NAME
            env, name = _postgres_environment(alias)
            subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={database_file}", name],
                env=env,
                check=True,
            )
        manifest = {
            "format": FORMAT_VERSION,
            "created": now.isoformat(),
            "database": {"vendor": vendor, "file": database_file.name, "sha256": _sha256(database_file)},
            "media": [],
        }
        partial = archive_path.with_suffix(".partial")
        # The archive holds password hashes and drafts: readable by its owner only.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                tar.add(database_file, arcname=database_file.name)
                for path, relative in media_files(settings.MEDIA_ROOT):
                    try:
                        # Copy first, hash the copy: the hash always describes the bytes archived.
                        snapshot = work / "media-file"
                        shutil.copyfile(path, snapshot)
                    except FileNotFoundError:
                        continue  # deleted since the walk began, and so not in the copied database either
                    manifest["media"].append(
                        {"path": relative, "size": snapshot.stat().st_size, "sha256": _sha256(snapshot)}
                    )
                    tar.add(snapshot, arcname=f"{MEDIA_PREFIX}/{relative}")
                data = json.dumps(manifest, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(now.timestamp())
                tar.addfile(info, io.BytesIO(data))
            os.replace(partial, archive_path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
            raise
    return archive_path


def _safe_member_name(name):
    path = PurePosixPath(name)
    if (
        not isinstance(name, str)
        or path.is_absolute()
        or not path.parts
        or any(part in ("", ".", "..") for part in path.parts)
        or "\\" in name
        or "\x00" in name
    ):
        raise BackupError(f"The archive holds an unsafe path: {name!r}")
    return path


SHA256_LENGTH = 64
DATABASE_FILES = {"sqlite": SQLITE_NAME, "postgresql": PGDUMP_NAME}
# What each kind of database file starts with: anything else is not a database this site made.
DATABASE_SIGNATURES = {"sqlite": b"SQLite format 3\x00", "postgresql": b"PGDMP"}


def _is_sha256(value):
    return isinstance(value, str) and len(value) == SHA256_LENGTH and all(c in "0123456789abcdef" for c in value)


def _check_manifest(manifest, vendor):
    """Refuse a manifest that is not exactly what :func:`create_backup` writes for this kind of database."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise BackupError(f"Unknown backup format {found!r}.")
    database = manifest.get("database")
    if not isinstance(database, dict) or database.get("vendor") not in DATABASE_FILES:
        raise BackupError("The manifest does not say which database the backup holds.")
    if database["vendor"] != vendor:
        raise BackupError(f"The backup holds a {database['vendor']} database; this installation uses {vendor}.")
    if database.get("file") != DATABASE_FILES[vendor] or not _is_sha256(database.get("sha256")):
        raise BackupError("The manifest's entry for the database is damaged.")
    if not isinstance(manifest.get("created"), str) or not isinstance(manifest.get("media"), list):
        raise BackupError("The manifest is damaged: it lacks its date or its list of media files.")
    paths = set()
    for entry in manifest["media"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise BackupError("The manifest's list of media files is damaged.")
        _safe_member_name(entry["path"])
        size = entry.get("size")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0 or not _is_sha256(entry.get("sha256")):
            raise BackupError(f"The manifest's entry for the media file {entry['path']} is damaged.")
        if entry["path"] in paths:
            raise BackupError(f"The manifest lists the media file {entry['path']} twice.")
        paths.add(entry["path"])


def read_manifest(tar, vendor):
    try:
        member = tar.getmember(MANIFEST)
    except KeyError as error:
        raise BackupError("This is not a backup of the site: it has no manifest.json.") from error
    if not member.isfile():
        raise BackupError("The archive's manifest.json is not a file.")
    try:
        manifest = json.loads(tar.extractfile(member).read())
    except (ValueError, RecursionError) as error:
        raise BackupError("The archive's manifest.json is not valid JSON.") from error
    _check_manifest(manifest, vendor)
    return manifest


def _unpack_member(tar, member, destination, expected_sha256, expected_size=None):
    """Copy one member out to ``destination``, checking its size and checksum on the way."""
    if not member.isfile():
        raise BackupError(f"The archive's {member.name} is not a regular file.")
    if expected_size is not None and member.size != expected_size:
        raise BackupError(f"The archive's {member.name} is not the size the manifest gives.")
    digest = hashlib.sha256()
    with tar.extractfile(member) as source, open(destination, "wb") as target:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
            target.write(block)
    if digest.hexdigest() != expected_sha256:
        raise BackupError(f"The archive's {member.name} is damaged (its checksum does not match).")


def _check_database_file(path, vendor):
    with open(path, "rb") as file:
        signature = file.read(len(DATABASE_SIGNATURES[vendor]))
    if signature != DATABASE_SIGNATURES[vendor]:
        raise BackupError(f"The archive's database is not a {vendor} database.")
    if vendor != "sqlite":
        return
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (result,) = connection.execute("PRAGMA integrity_check").fetchone()
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise BackupError(f"The archive's database cannot be read ({error}).") from error
    if result != "ok":
        raise BackupError(f"The archive's database failed SQLite's integrity check: {result}")
    if "django_migrations" not in tables:
        raise BackupError("The archive's database is not a database of this site.")


def unpack_backup(archive_path, vendor, work):
    """Check the whole archive and unpack it into ``work``; return the manifest and the unpacked files.

    Nothing outside ``work`` is touched. Every member must be a regular file the manifest names, every
    file the manifest names must be there with its size and checksum, and the database must open.
    """
    try:
        with tarfile.open(archive_path, "r:gz") as tar:
            members = tar.getmembers()  # reads to the end of the archive: a truncated one fails here
            manifest = read_manifest(tar, vendor)
            expected = {manifest["database"]["file"]: (manifest["database"]["sha256"], None)}
            expected.update(
                {f"{MEDIA_PREFIX}/{entry['path']}": (entry["sha256"], entry["size"]) for entry in manifest["media"]}
            )
            names = [member.name for member in members if member.name != MANIFEST]
            if len(names) != len(set(names)) or set(names) != set(expected):
                raise BackupError("The archive's files are not the ones its manifest lists.")
            unpacked = {}
            for number, member in enumerate(member for member in members if member.name != MANIFEST):
                # Unpacked under numbers, not under the names the archive gives.
                unpacked[member.name] = work / f"member-{number}"
                _unpack_member(tar, member, unpacked[member.name], *expected[member.name])
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(f"The archive is damaged or incomplete ({error or type(error).__name__}).") from error
    _check_database_file(unpacked[manifest["database"]["file"]], vendor)
    return manifest, unpacked


def installation_is_empty(alias="default"):
    """True when the database has no site content and no users, and MEDIA_ROOT holds no files."""
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        # Users, and every kind of content the public can see (the registry finds them from the models).
        for table in [get_user_model()._meta.db_table, *(m._meta.db_table for m in public_content_models())]:
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cursor.fetchone():
                    return False
    return not any(True for _ in media_files(settings.MEDIA_ROOT))


def _staging_name(target):
    """A temporary file beside ``target``: on the same file system, so os.replace can swap it in at once."""
    return target.with_name(f".{target.name}.restoring-{secrets.token_hex(4)}")


def _stage_sqlite(source, target):
    """A copy of the database ``source`` beside ``target``, in the mode the site runs it in."""
    staged = _staging_name(target)
    source_connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    destination = sqlite3.connect(staged)
    try:
        with destination:
            source_connection.backup(destination)
        destination.execute("PRAGMA journal_mode=WAL")
    finally:
        destination.close()
        source_connection.close()
    return staged


def _swap_in_sqlite(staged, target):
    """Replace the live database file by ``staged`` in one step."""
    if target.exists():
        # Empty the old database's write-ahead log first: left beside the new file, its pages would be
        # read as the new database's.
        connection = sqlite3.connect(target, timeout=30)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    os.replace(staged, target)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{target}{suffix}").unlink()


def _check_free_space(unpacked, targets):
    needed = sum(path.stat().st_size for path in unpacked.values())
    for directory in targets:
        while not directory.exists():
            directory = directory.parent
        free = shutil.disk_usage(directory).free
        if free < needed:
            raise BackupError(f"Not enough free space in {directory}: the backup needs {needed} bytes, {free} free.")


def restore_backup(archive_path, alias="default"):
    """Bring the database and MEDIA_ROOT back to the state stored in ``archive_path``.

    The whole archive is checked first; then every file is written beside its target under a temporary
    name, and only once all are written are they swapped in, each with os.replace. A damaged archive
    therefore changes nothing, and a failure while writing (a full disk) leaves the old files in place.
    """
    if not Path(archive_path).is_file():
        raise BackupError(f"There is no file at {archive_path}.")
    vendor = database_vendor(alias)
    media_root = Path(settings.MEDIA_ROOT)
    target = sqlite_path(alias) if vendor == "sqlite" else None
    with tempfile.TemporaryDirectory(prefix="embassy-restore-") as work:
        manifest, unpacked = unpack_backup(archive_path, vendor, Path(work))
        database_file = unpacked[manifest["database"]["file"]]
        media = [
            (unpacked[f"{MEDIA_PREFIX}/{entry['path']}"], media_root / _safe_member_name(entry["path"]))
            for entry in manifest["media"]
        ]
        _check_free_space(unpacked, [media_root] + ([target.parent] if target else []))

        staged = []
        try:
            for source, destination in media:
                destination.parent.mkdir(parents=True, exist_ok=True)
                staged.append((_staging_name(destination), destination))
                shutil.copyfile(source, staged[-1][0])
            if target is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                staged_database = _stage_sqlite(database_file, target)
                staged.append((staged_database, target))
            connections[alias].close()
            if target is not None:
                _swap_in_sqlite(staged.pop()[0], target)
            else:
                _pg_restore(database_file, alias)
            while staged:
                os.replace(*staged.pop())
        finally:
            for temporary, _ in staged:
                with contextlib.suppress(FileNotFoundError):
                    temporary.unlink()
    return manifest


def _pg_restore(database_file, alias):
    env, name = _postgres_environment(alias)
    # One transaction: a dump that fails to load part-way leaves the database as it was.
    command = [
        "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
        "--single-transaction", "--exit-on-error", f"--dbname={name}", str(database_file),
    ]  # fmt: skip
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        last_line = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise BackupError(f"pg_restore could not load the database: {last_line}")
