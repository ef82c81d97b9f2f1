"""The Jinja2 environment of the public site's templates (``templates/``, outside ``templates/django/``).

Public pages are drawn with Jinja2 because it compiles a template to Python once, where the Django
template language walks its node tree on every render: a long page with twenty sections and thirty
events renders in a third of the time, which is most of an uncached request (docs/performance.md).
The admin and its customisations (``templates/django/``) stay in the Django template language.

Templates call what Django's tags did as functions: ``url("events:list")``, ``static("path")``,
``show_date(value, precision)``, ``absolute_uri(path)``; and a few of Django's filters keep their names.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from jinja2 import ChainableUndefined, Environment, pass_context

from closures.wording import closure_day_words
from markup.dates import format_date
from notices.banner import SEVERITY_WORDS
from notices.models import Severity
from sections.chrome import get_site_chrome, publisher_in_language
from sitewide import languages as languages_module
from sitewide.addresses import fixed_address

# As in Django's json_script: text inside a <script> element cannot close it or open a comment.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def environment(**options):
    # A missing value renders as nothing, as in Django's templates, also through a chain
    # (``request.resolver_match.app_name`` on an error page drawn without a request), in
    # development too (Django's backend would pick DebugUndefined, which prints the expression).
    options["undefined"] = ChainableUndefined
    # The interface's words through Django's own catalogues (locale/ja/LC_MESSAGES/django.po): _("Contents").
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.i18n"]
    env = Environment(**options)
    env.install_gettext_translations(translation, newstyle=True)
    env.globals.update(
        url=url,
        static=static,
        show_date=show_date,
        absolute_uri=absolute_uri,
        untranslated=untranslated,
        lang_code=translation.get_language,
        switch_note=switch_note,
        publisher_name=publisher_in_language,
        languages=languages,
        show_moment=show_moment,
        severity_name=severity_name,
        closure_day_words=closure_day_words,
        UNTRANSLATED_NOTICE=languages_module.UNTRANSLATED_NOTICE,
        UNTRANSLATED_PAGE=languages_module.UNTRANSLATED_PAGE,
        UNTRANSLATED_SWITCH=languages_module.UNTRANSLATED_SWITCH,
        path_in_language=languages_module.path_in_language,
    )
    env.filters.update(
        jsonld=jsonld,
        pluralize=defaultfilters.pluralize,
        time=defaultfilters.time,
        truncatechars=defaultfilters.truncatechars,
    )
    return env


def url(viewname, *args, **kwargs):
    """Django's ``{% url %}``: ``url("events:detail", slug=event.slug)``."""
    if args or kwargs:
        return reverse(viewname, args=args or None, kwargs=kwargs or None)
    return fixed_address(viewname)


def show_moment(value):
    """A moment in Washington time, in the active language's date and time format."""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def severity_name(severity):
    return str(SEVERITY_WORDS[Severity(severity)])


def show_date(value, precision="day"):
    """A date, or the local day of a moment, as readers expect it, inside a machine-readable <time>."""
    if not value:
        return ""
    day = timezone.localdate(value) if hasattr(value, "hour") else value
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), format_date(day, precision))


@pass_context
def absolute_uri(context, path=None):
    """The absolute address of ``path`` (default: the current page without its query string)."""
    request = context["request"]
    return request.build_absolute_uri(path if path is not None else request.path)


def jsonld(data):
    """Serialise structured data for <script type="application/ld+json">, safe inside the element."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))


def untranslated(obj):
    """Whether ``obj`` reads in the page's language: "", or "english" (show it marked) or "hide" (leave it out).

    The setting is read from the site chrome (kept per request and in the cache), not from the template's
    context: macros imported from other templates do not see the context.
    """
    if not languages_module.is_untranslated(obj):
        return ""
    return languages_module.untranslated_state(obj, get_site_chrome().untranslated_content)


@pass_context
def languages(context, path=None):
    """The page in each language, for the switch and <link rel="alternate" hreflang>.

    A dict: ``current`` (code), ``og_locale``, ``alternates`` (every language's (code, name, absolute address),
    ``x_default`` (the English address) and ``others`` (the switch: the other languages' (code, name, path)).
    """
    request = context.get("request")
    path = path or (request.path if request is not None else "/")
    current = translation.get_language() or settings.LANGUAGE_CODE
    addresses = [(code, name, languages_module.path_in_language(path, code)) for code, name in settings.LANGUAGES]
    absolute = request.build_absolute_uri if request is not None else (lambda address: address)
    return {
        "current": current,
        "og_locale": languages_module.OPEN_GRAPH_LOCALES.get(current, current),
        "og_alternates": [
            languages_module.OPEN_GRAPH_LOCALES.get(code, code) for code, _n, _a in addresses if code != current
        ],
        "alternates": [(code, name, absolute(address)) for code, name, address in addresses],
        "x_default": absolute(languages_module.path_in_language(path, settings.LANGUAGE_CODE)),
        "others": [(code, name, address) for code, name, address in addresses if code != current],
    }


def switch_note(obj, language):
    """Beside the language switch, in that language: its edition of ``obj`` (the page, section or event shown)
    is not translated yet, so the reader following the link is not surprised by English text."""
    if not languages_module.is_untranslated(obj, language):
        return ""
    with translation.override(language):
        return str(languages_module.UNTRANSLATED_SWITCH)
