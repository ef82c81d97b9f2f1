"""The reader-facing text of pages and sections, in a column per language (django-modeltranslation).

Slugs are not translated: a page's address and a section's anchor are the same in both languages, so that the
language switch, and any link from one edition to the other, lands on the same section.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import RelatedLink, Section


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    # body_html is derived: Section.render_body renders each language's body into its own column.
    fields = ("title", "summary", "body", "body_html")


@register(RelatedLink)
class RelatedLinkTranslationOptions(TranslationOptions):
    fields = ("title",)
