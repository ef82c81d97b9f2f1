"""The reader-facing text of closures, in a column per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Closure


@register(Closure)
class ClosureTranslationOptions(TranslationOptions):
    fields = ("reason",)
