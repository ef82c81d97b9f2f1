"""The reader-facing text of notices, in a column per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Notice


@register(Notice)
class NoticeTranslationOptions(TranslationOptions):
    fields = ("title", "text")
