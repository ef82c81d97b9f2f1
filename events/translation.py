"""The reader-facing text of events, in a column per language (django-modeltranslation); the slug is shared."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "body_html", "location", "participants")
