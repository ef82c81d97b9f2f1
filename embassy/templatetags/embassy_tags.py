from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

register = template.Library()

DATE_FORMATS = {"day": "F j, Y", "month": "F Y", "year": "Y"}


@register.simple_tag
def show_date(value, precision="day"):
    """A date as readers expect it ("February 2009"), inside a machine-readable <time>."""
    if not value:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>',
        value.isoformat(),
        format_date(value, DATE_FORMATS.get(precision, DATE_FORMATS["day"])),
    )
