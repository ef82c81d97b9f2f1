"""Addresses reversed once per language, not once per object or per page.

``reverse()`` costs some 20 µs; the overview lists 33 events and its header and footer a dozen fixed links, and
search works out the address of every public object of the site. What is remembered is keyed by the language
(i18n_patterns puts /ja/ in front), the script prefix and the URL configuration, so it is never stale.
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils import translation


def fixed_address(viewname):
    """``reverse(viewname)`` for an address without arguments, in the active language."""
    return _fixed_address(viewname, translation.get_language(), get_script_prefix(), settings.ROOT_URLCONF)


def slug_address(viewname):
    """A function giving the address of ``viewname`` for a ``slug``, in the active language.

    A slug (SlugField: ASCII letters, digits, hyphens, underscores) is kept as it is in an address, so it is put
    in place of a placeholder in an address reversed once."""
    return _slug_address(viewname, translation.get_language(), get_script_prefix(), settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=256)
def _fixed_address(viewname, _language, _script_prefix, _urlconf):
    return reverse(viewname)


@functools.lru_cache(maxsize=64)
def _slug_address(viewname, _language, _script_prefix, _urlconf):
    placeholder = "slug-placeholder"
    before, after = reverse(viewname, kwargs={"slug": placeholder}).split(placeholder, 1)
    return lambda slug: f"{before}{slug}{after}"
