"""The Jinja2 environment of the public site's templates (``templates/``, outside ``templates/django/``).

Public pages are drawn with Jinja2 because it compiles a template to Python once, where the Django
template language walks its node tree on every render: a long page with twenty sections and thirty
events renders in a third of the time, which is most of an uncached request (docs/performance.md).
The admin and its customisations (``templates/django/``) stay in the Django template language.

Templates call what Django's tags did as functions: ``url("events:list")``, ``static("path")``,
``show_date(value, precision)``, ``absolute_uri(path)``; and a few of Django's filters keep their names.
"""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.template import defaultfilters
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import mark_safe
from jinja2 import ChainableUndefined, Environment, pass_context
from markupsafe import Markup

from .addresses import public_address

# As in Django's json_script: text inside a <script> element cannot close it or open a comment.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def environment(**options):
    # A missing value renders as nothing, as in Django's templates, also through a chain
    # (``request.resolver_match.app_name`` on an error page drawn without a request), in
    # development too (Django's backend would pick DebugUndefined, which prints the expression).
    options["undefined"] = ChainableUndefined
    env = Environment(**options)
    # url(): reverse() remembered per process (embassy.addresses), as every page lists the same dozen addresses.
    env.globals.update(url=public_address, static=static, show_date=show_date, absolute_uri=absolute_uri)
    env.filters.update(
        jsonld=jsonld,
        pluralize=defaultfilters.pluralize,
        time=defaultfilters.time,
        truncatechars=defaultfilters.truncatechars,
    )
    return env


def show_date(value, precision="day"):
    """A date, or the local day of a moment, as readers expect it, inside a machine-readable <time>.

    By ``precision``: "February 24, 2009", "February 2009" or "2009".

    Pages list dozens of dates, so this formats them directly rather than through Django's date filter
    (twice as slow). The site is written in English: ``%B`` names the month in the C locale, which a
    Python process keeps unless something calls ``locale.setlocale(LC_TIME, …)``, and nothing here does.
    """
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)  # the day it was in Washington, not in UTC
    if precision == "year":
        text = str(value.year)
    elif precision == "month":
        text = f"{value:%B} {value.year}"
    else:
        text = f"{value:%B} {value.day}, {value.year}"
    # Digits and an English month name: nothing here needs escaping.
    return Markup(f'<time datetime="{value.isoformat()}">{text}</time>')


@pass_context
def absolute_uri(context, path=None):
    """The absolute address of ``path`` (default: the current page without its query string)."""
    request = context["request"]
    return request.build_absolute_uri(path if path is not None else request.path)


def jsonld(data):
    """Serialise structured data for <script type="application/ld+json">, safe inside the element."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))
