"""Keep each page's "the English is newer" day in step as its sections' English changes."""

from django.conf import settings
from django.db.models.signals import post_save

from sections.models import Section

from .status import refresh_english_update


def section_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = instance.page if instance.depth > 1 else instance
    if page is None:
        return
    for language, _name in settings.LANGUAGES:
        if language != settings.LANGUAGE_CODE:
            refresh_english_update(page, language)


def connect():
    post_save.connect(section_saved, sender=Section, dispatch_uid="translations-english-update")
