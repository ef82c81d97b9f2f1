"""The footer's text, in a column per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import FooterLink, PhoneLine, SiteSettings


@register(SiteSettings)
class SiteSettingsTranslationOptions(TranslationOptions):
    fields = ("embassy_name", "address", "copyright_line")


@register(PhoneLine)
class PhoneLineTranslationOptions(TranslationOptions):
    fields = ("label",)


@register(FooterLink)
class FooterLinkTranslationOptions(TranslationOptions):
    fields = ("label",)
