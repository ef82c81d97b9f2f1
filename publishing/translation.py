"""A change note, in a column per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import ChangeNote


@register(ChangeNote)
class ChangeNoteTranslationOptions(TranslationOptions):
    fields = ("note",)
