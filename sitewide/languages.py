"""The site's two languages: which text is not yet translated, and the addresses of a page in each language.

English is the default and always complete; a Japanese field left empty reads as the English text (the models'
django-modeltranslation descriptors fall back to it). Such text must never mix silently into a Japanese page:
the templates either mark it ``lang="en"`` with a notice, or leave it out, as the site setting
``SiteSettings.untranslated_content`` says (``untranslated_state``).
"""

import functools

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Model
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

# The words readers see by each text shown in English on a Japanese page.
UNTRANSLATED_NOTICE = _("This part has not been translated into Japanese yet. It is shown in English.")
UNTRANSLATED_PAGE = _("This page has not been translated into Japanese yet.")
UNTRANSLATED_SWITCH = _("Not yet translated into Japanese")
# The admin's fieldset of the Japanese fields, after the English ones in each change form.
JAPANESE_FIELDSET = "日本語 (Japanese)"
# Where Open Graph wants a territory with the language.
OPEN_GRAPH_LOCALES = {"en": "en_US", "ja": "ja_JP"}


class Untranslated:
    """``SiteSettings.untranslated_content``: what a reader of a translation sees where a text is not translated."""

    ENGLISH = "english"
    HIDE = "hide"
    CHOICES = [
        (ENGLISH, "Show the English text, marked as not yet translated"),
        (HIDE, "Leave it out"),
    ]


def hides_untranslated(setting):
    """Whether ``SiteSettings.untranslated_content`` leaves untranslated text out (anything else shows the English):
    the one reading of the setting for pages, the sitemap and search alike."""
    return setting == Untranslated.HIDE


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def is_untranslated(obj, language=None):
    """Whether ``obj`` has English text that ``language`` (default: the active one) lacks.

    Only the columns the row was read with are compared (a list reads a few), so that asking never costs a query.
    A page asks this of every section and event it shows: the row's own values are read directly, not through
    the fields' descriptors and ``get_deferred_fields()``, which made it a twentieth of the overview's render.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    default = settings.LANGUAGE_CODE
    if language == default or obj is None:
        return False
    if not isinstance(obj, Model):
        return False  # not a model instance (a template's undefined value)
    values = vars(obj)  # a column not read (deferred) is not there
    for english, own in _translated_columns(type(obj), default, language):
        if values.get(english) and own in values and not values[own]:
            return True
    return False


@functools.lru_cache(maxsize=64)
def _translated_columns(model, default, language):
    """[(English column, ``language``'s column)] of each translated field of ``model`` but ``body_html`` (derived
    from the body, and so translated with it)."""
    try:
        fields = translator.get_options_for_model(model).fields
    except NotRegistered:  # a model with nothing to translate
        return ()
    return tuple((f"{name}_{default}", f"{name}_{language}") for name in fields if name != "body_html")


def untranslated_state(obj, setting):
    """ "" when ``obj`` reads in the active language; else ``setting`` ("english": shown marked; "hide": left out)."""
    if not is_untranslated(obj):
        return ""
    return Untranslated.HIDE if hides_untranslated(setting) else Untranslated.ENGLISH


def path_in_language(path, language):
    """The address of the page at ``path`` in ``language``: /ja/… for Japanese, the bare address for English.

    Every public address is the same under both prefixes (slugs and anchors are shared), so this needs no
    lookup and works for any address, a missing page's too.
    """
    current = translation.get_language_from_path(path)
    if current and current != settings.LANGUAGE_CODE:
        path = path[len(current) + 1 :] or "/"
    if language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"


def other_languages(language=None):
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return [(code, name) for code, name in settings.LANGUAGES if code != language]


class BilingualSitemap(Sitemap):
    """A sitemap section listing each address in every language, each with its alternates (xhtml:link hreflang)."""

    i18n = True
    alternates = True
    x_default = True
    # Set by items() from the site setting: the languages whose site leaves an untranslated item out list no
    # address for it (the address answers 404), and no alternate points there.
    hide_untranslated = False

    def get_languages_for_item(self, item):
        codes = language_codes()
        if not self.hide_untranslated:
            return codes
        return [code for code in codes if not is_untranslated(item, code)]
