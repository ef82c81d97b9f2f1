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
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections

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


def _media_files(media_root):
    media_root = Path(media_root)
    if not media_root.is_dir():
        return
    for directory, _dirnames, filenames in os.walk(media_root):
        for filename in sorted(filenames):
            path = Path(directory, filename)
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
                for path, relative in _media_files(settings.MEDIA_ROOT):
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
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"The archive holds an unsafe path: {name!r}")
    return path


def read_manifest(tar):
    try:
        member = tar.getmember(MANIFEST)
    except KeyError as error:
        raise BackupError("This is not a backup of the site: it has no manifest.json.") from error
    manifest = json.loads(tar.extractfile(member).read())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def installation_is_empty(alias="default"):
    """True when the database has no site content and no users, and MEDIA_ROOT holds no files."""
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in ("auth_user", "sections_section", "events_event", "photos_photo"):
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cursor.fetchone():
                    return False
    return not any(True for _ in _media_files(settings.MEDIA_ROOT))


def restore_backup(archive_path, alias="default"):
    """Bring the database and MEDIA_ROOT back to the state stored in ``archive_path``."""
    vendor = database_vendor(alias)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="embassy-restore-") as work, tarfile.open(archive_path, "r:gz") as tar:
        work = Path(work)
        manifest = read_manifest(tar)
        if manifest["database"]["vendor"] != vendor:
            raise BackupError(
                f"The backup holds a {manifest['database']['vendor']} database; this installation uses {vendor}."
            )
        for member in tar.getmembers():
            _safe_member_name(member.name)
        tar.extractall(work, filter="data")
        database_file = work / manifest["database"]["file"]
        if _sha256(database_file) != manifest["database"]["sha256"]:
            raise BackupError("The database in the archive is damaged (its checksum does not match).")
        for entry in manifest["media"]:
            if _sha256(work / MEDIA_PREFIX / entry["path"]) != entry["sha256"]:
                raise BackupError(f"The media file {entry['path']} in the archive is damaged.")

        connections[alias].close()
        if vendor == "sqlite":
            target = sqlite_path(alias)
            target.parent.mkdir(parents=True, exist_ok=True)
            source = sqlite3.connect(database_file)
            destination = sqlite3.connect(target, timeout=30)
            try:
                with destination:
                    source.backup(destination)
                destination.execute("PRAGMA journal_mode=WAL")
            finally:
                destination.close()
                source.close()
        else:
            env, name = _postgres_environment(alias)
            subprocess.run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    f"--dbname={name}",
                    database_file,
                ],
                env=env,
                check=True,
            )

        media_root.mkdir(parents=True, exist_ok=True)
        for entry in manifest["media"]:
            destination = media_root / _safe_member_name(entry["path"])
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(work / MEDIA_PREFIX / entry["path"], destination)
    return manifest
