from django import forms
from django.core.files.base import ContentFile

from embassy.admin_publishing import PublishableForm
from embassy.forms import formfield_with_https_urls
from embassy.publishing import photo_problems

from .images import clean_image
from .models import Photo


class PhotoFileField(forms.FileField):
    """A file field that accepts only images Pillow can decode, and hands back the cleaned copy."""

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
    image = PhotoFileField(help_text="JPEG, PNG, WebP or GIF. Location data and other metadata are removed.")

    class Meta:
        model = Photo
        fields = [
            "image", "caption", "credit", "alt_text", "taken_on", "is_placeholder",
            "copyright_holder", "licence", "source_url", "rights_expire_on",
            "status", "publish_at", "unpublish_at",
        ]  # fmt: skip
        formfield_callback = formfield_with_https_urls

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
