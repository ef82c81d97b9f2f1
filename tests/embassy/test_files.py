"""The media storage shows a file under its name only once it is whole, and a backup leaves half-written files out."""

import pytest
from django.core.files.base import ContentFile, File

from embassy.backups import media_files
from embassy.files import PARTIAL_PREFIX, TransactionalFileSystemStorage

pytestmark = pytest.mark.django_db


class SlowFile(File):
    """Written in chunks; while it is written, its own name must not exist yet."""

    def __init__(self, storage, name, chunks):
        super().__init__(None, name=name)
        self.storage, self.parts, self.seen_while_writing = storage, chunks, []

    def chunks(self, chunk_size=None):
        for part in self.parts:
            self.seen_while_writing.append(self.storage.exists(self.name))
            yield part


def test_a_file_appears_under_its_name_only_once_whole(tmp_path):
    storage = TransactionalFileSystemStorage(location=tmp_path)
    upload = SlowFile(storage, "renditions/photo.jpg", [b"first half ", b"second half"])
    name = storage.save("renditions/photo.jpg", upload)
    assert name == "renditions/photo.jpg"
    assert upload.seen_while_writing == [False, False]
    assert (tmp_path / name).read_bytes() == b"first half second half"
    assert sorted(path.name for path in (tmp_path / "renditions").iterdir()) == ["photo.jpg"]  # nothing staged left


def test_a_taken_name_gets_another_and_the_first_file_is_kept(tmp_path):
    storage = TransactionalFileSystemStorage(location=tmp_path)
    first = storage.save("photo.jpg", ContentFile(b"first"))
    second = storage._save("photo.jpg", ContentFile(b"second"))  # as if another process took the name meanwhile
    assert first == "photo.jpg" and second != first
    assert (tmp_path / first).read_bytes() == b"first" and (tmp_path / second).read_bytes() == b"second"


def test_a_backup_leaves_out_a_file_still_being_written(tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "whole.jpg").write_bytes(b"whole")
    (tmp_path / "photos" / f"{PARTIAL_PREFIX}0123456789abcdef-new.jpg").write_bytes(b"half")
    assert [relative for _path, relative in media_files(tmp_path)] == ["photos/whole.jpg"]
