"""A photograph's caption, credit and alt text, in a column per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Photo


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("caption", "credit", "alt_text")
