import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

register = template.Library()

# As in Django's json_script: text inside a <script> element cannot close it or open a comment.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def absolute_uri(context, path=None):
    """The absolute address of ``path`` (default: the current page without its query string)."""
    request = context["request"]
    return request.build_absolute_uri(path if path is not None else request.path)


@register.filter
def jsonld(data):
    """Serialise structured data for <script type="application/ld+json">, safe inside the element."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))
