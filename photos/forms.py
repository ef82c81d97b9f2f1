from django import forms
from django.core.files.base import ContentFile

from publishing.admin import PublishableForm
from publishing.gate import photo_problems

from .images import ACCEPTED_DESCRIPTION, clean_image
from .models import Photo

ACCEPT = "image/jpeg,image/png,image/webp,image/gif"


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
        return result


class PhotoForm(PublishableForm):
    image = PhotoFileField(
        help_text=f"{ACCEPTED_DESCRIPTION}. Location data and other metadata are removed. "
        "Choosing a new file replaces the image everywhere it is shown."
    )

    class Meta:
        model = Photo
        fields = [
            "image", "caption", "credit", "alt_text", "taken_on", "is_placeholder",
            "copyright_holder", "licence", "source_url", "rights_expire_on",
            "status", "publish_at", "unpublish_at",
        ]  # fmt: skip

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
        return super().save(commit)


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
