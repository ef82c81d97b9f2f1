"""``reverse()`` remembered, for the public addresses a page lists by the dozen.

Django's ``reverse()`` costs some 20 µs a call; the overview alone lists 33 events
and links its top-level sections, so building their addresses took a tenth of the
page's rendering time. An address depends only on the URLconf, the script prefix
and the arguments, all part of the key here, so a remembered address is never wrong.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def public_address(viewname, *args, **kwargs):
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _remembered(urlconf, get_script_prefix(), viewname, args, tuple(sorted(kwargs.items())))


@lru_cache(maxsize=20_000)
def _remembered(urlconf, script_prefix, viewname, args, kwargs):
    # script_prefix is in the key only: reverse() reads the current one itself.
    return reverse(viewname, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) or None)
