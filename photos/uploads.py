"""Turning a checked upload into a photograph record: one place for the editor's and the bulk upload."""

from django.db import transaction

from publishing.models import Status

from .models import Photo
from .storage import keep_files_only_on_commit


def caption_from_filename(filename):
    """A first caption for the editor to replace: the file name without its extension."""
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    return stem.replace("_", " ").strip()[:300] or "Untitled photograph"


def create_draft_photo(upload, *, uploaded_by, **fields):
    """Save ``upload`` (a file :class:`~photos.forms.PhotoFileField` has cleaned) as a new draft photograph.

    The caption starts as the file name; credit and alt text are filled in before publishing.
    """
    original_name = getattr(upload, "original_name", upload.name)[:255]
    photo = Photo(
        original_filename=original_name,
        caption=caption_from_filename(original_name),
        uploaded_by=uploaded_by,
        status=Status.DRAFT,
        **fields,
    )
    photo.image = upload
    with keep_files_only_on_commit(), transaction.atomic():
        photo.save()
    return photo
