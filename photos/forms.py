import re
import secrets

from django import forms
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import format_html

from publishing.admin import PublishableForm
from publishing.gate import photo_problems

from .images import ACCEPTED_DESCRIPTION, clean_image
from .models import Photo

ACCEPT = "image/jpeg,image/png,image/webp,image/gif,image/heic,image/heif,.heic,.heif"


# A file refused with the rest of its form is kept, cleaned, for the next try: an hour, in the cache shared by the
# app servers (a cache, so nothing is left in the media storage when the editor gives up).
KEPT_SECONDS = 60 * 60
KEPT_KEY = "photos:kept-upload:{}"
KEPT_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def keep_upload(cleaned_file, user_id):
    """Keep an already cleaned upload for the form's next try; returns the token the form sends back."""
    token = secrets.token_urlsafe(32)
    cleaned_file.seek(0)
    cache.set(
        KEPT_KEY.format(token),
        {
            "content": cleaned_file.read(),
            "name": cleaned_file.name,
            "original_name": getattr(cleaned_file, "original_name", cleaned_file.name),
            "user": user_id,
        },
        KEPT_SECONDS,
    )
    return token


def kept_upload(token, user_id):
    """The upload kept under ``token`` for this user, or None (unknown, expired, another user's, malformed)."""
    if not isinstance(token, str) or not KEPT_TOKEN.fullmatch(token):
        return None
    kept = cache.get(KEPT_KEY.format(token))
    if not kept or kept.get("user") != user_id:
        return None
    return kept


class KeptFileInput(forms.ClearableFileInput):
    """A file input that also carries, and names, the file kept from the form's last try (see PhotoForm)."""

    kept = None  # (token, name) once the form has kept a file

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.kept:
            return html
        token, kept_name = self.kept
        return html + format_html(
            '<input type="hidden" name="{}_kept" value="{}"><p class="kept-upload help">Kept from your last try: '
            "<strong>{}</strong>, cleaned and ready to save. Choose another file only to replace it.</p>",
            name,
            token,
            kept_name,
        )


class PhotoFileField(forms.FileField):
    """A file field that accepts only images Pillow can decode, and hands back the cleaned copy.

    Every way of uploading a photograph (the photograph form, the bulk upload, the editor's
    drag-and-drop) uses this field, so every upload gets the same checks.
    """

    widget = forms.ClearableFileInput(attrs={"accept": ACCEPT})

    def to_python(self, data):
        uploaded = super().to_python(data)
        if uploaded is None:
            return None
        cleaned = clean_image(uploaded)
        stem = uploaded.name.rsplit(".", 1)[0] if "." in uploaded.name else uploaded.name
        result = ContentFile(cleaned.content, name=f"{stem}.{cleaned.extension}")
        result.original_name = uploaded.name
        result.suggestions = cleaned.suggestions
        return result


SUGGESTED_FIELDS = ("caption", "credit", "copyright_holder")


class PhotoForm(PublishableForm):
    """The photograph form. A file that passed its checks survives the form's other errors (it is kept, cleaned,
    for the next try); the caption, credit and copyright the file's IPTC/XMP fields carry are offered for the
    fields left empty, to be confirmed by saving again."""

    image = PhotoFileField(
        widget=KeptFileInput(attrs={"accept": ACCEPT}),
        help_text=f"{ACCEPTED_DESCRIPTION}. Location data and other metadata are removed; HEIC is stored as "
        "JPEG. Empty caption, credit and copyright fields are suggested from the file's IPTC/XMP data. "
        "Choosing a new file replaces the image everywhere it is shown.",
    )

    class Meta:
        model = Photo
        fields = [
            "image", "caption", "credit", "alt_text", "taken_on", "is_placeholder",
            "copyright_holder", "licence", "source_url", "rights_expire_on",
            "status", "publish_at", "unpublish_at",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept = None
        if self.is_bound and not self.files.get("image"):
            self.kept = kept_upload(self.data.get("image_kept"), self._user_id())
            if self.kept:
                files = self.files.copy()
                # Cleaned already; checked again all the same, so that every file takes the one path.
                files["image"] = SimpleUploadedFile(self.kept["name"], self.kept["content"])
                self.files = files

    def _user_id(self):
        return getattr(getattr(self, "current_user", None), "pk", None)

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if self.kept and image:
            image.original_name = self.kept["original_name"]
            image.suggestions = {}
        return image

    def clean(self):
        cleaned = super().clean()
        suggestions = getattr(cleaned.get("image"), "suggestions", None) or {}
        offered = {
            name: text
            for name, text in suggestions.items()
            if name in self.fields and not str(self.data.get(name, "")).strip()
        }
        if offered:
            data = self.data.copy()
            for name, text in offered.items():
                data[name] = text
                self.add_error(name, "Suggested from the file's IPTC/XMP data: check it and save again to keep it.")
            self.data = data
        return cleaned

    def full_clean(self):
        super().full_clean()
        image = self.cleaned_data.get("image") if hasattr(self, "cleaned_data") else None
        if self._errors and image is not None and hasattr(image, "original_name"):
            token = keep_upload(image, self._user_id())
            self.fields["image"].widget.kept = (token, image.original_name)

    def publish_problems(self, cleaned):
        candidate = Photo(
            image=cleaned.get("image") or self.instance.image,
            caption=cleaned.get("caption", ""),
            credit=cleaned.get("credit", ""),
            alt_text=cleaned.get("alt_text", ""),
        )
        return photo_problems(candidate)

    def save(self, commit=True):
        original_name = getattr(self.cleaned_data.get("image"), "original_name", None)
        if original_name:
            self.instance.original_filename = original_name[:255]
        if self.kept:
            cache.delete(KEPT_KEY.format(self.data.get("image_kept")))
        return super().save(commit)


class ChooserUploadForm(PhotoForm):
    """The photograph form as the chooser shows it: the file and the words that travel with it. The new
    photograph is a draft; its rights and schedule are set on its own page."""

    class Meta(PhotoForm.Meta):
        fields = ["image", "caption", "credit", "alt_text", "copyright_holder", "licence"]

    def __init__(self, *args, user=None, **kwargs):
        self.current_user = user  # before the form looks for the file kept for this user
        kwargs.setdefault("auto_id", "chooser_%s")  # beside the section's or event's own form on one page
        super().__init__(*args, **kwargs)
        # A new draft: nothing to compare with, and no public history to note.
        del self.fields["edit_version"], self.fields["change_note"]


class EditorUploadForm(forms.Form):
    image = PhotoFileField()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Hands back the list of uploaded files unchecked: the form checks each one and reports on each."""

    def clean(self, data, initial=None):
        files = [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]
        if not files:
            raise forms.ValidationError("Choose one or more files.", code="required")
        return files


class BulkUploadForm(forms.Form):
    """Several files at once, each checked on its own; the rights fields, if given, apply to all of them."""

    # About a second each for a 24-megapixel photograph (docs/performance.md): 20 keep a request under 30 s.
    MAX_FILES = 20

    images = MultipleFileField(
        label="Files",
        widget=MultipleFileInput(attrs={"multiple": True, "accept": ACCEPT}),
        help_text=f"Up to {MAX_FILES} {ACCEPTED_DESCRIPTION} files. Each becomes a draft photograph.",
    )
    credit = forms.CharField(
        max_length=200, required=False, help_text='For all the files, e.g. "Photo: Cabinet Public Relations Office".'
    )
    copyright_holder = forms.CharField(max_length=200, required=False)
    licence = forms.CharField(max_length=100, required=False, help_text='e.g. "All rights reserved", "CC BY 4.0".')

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.accepted = []  # [(original name, cleaned file)]
        self.refused = []  # [(original name, [messages])]

    def clean_images(self):
        files = self.cleaned_data["images"]
        if len(files) > self.MAX_FILES:
            raise forms.ValidationError(f"Choose at most {self.MAX_FILES} files at a time; you chose {len(files)}.")
        for upload in files:
            try:
                self.accepted.append((upload.name, PhotoFileField().clean(upload)))
            except forms.ValidationError as error:
                self.refused.append((upload.name, error.messages))
        return files

    def shared_fields(self):
        return {name: self.cleaned_data[name] for name in ("credit", "copyright_holder", "licence")}
