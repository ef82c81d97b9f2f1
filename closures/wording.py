"""How a closure is put into words, in the active language: the banner, the contact page and the calendar agree."""

from django.utils import formats
from django.utils.translation import gettext, pgettext

from .models import Office


def closure_day_words(day):
    """A closure's day as readers write it: "Friday, December 25, 2026"; "2026年12月25日（金）"."""
    return formats.date_format(day, pgettext("the day of an office closure", "l, F j, Y"))


def closure_title(office, day):
    """Which office is closed on which day: "The consular section is closed on Friday, December 25, 2026"."""
    return gettext("%(office)s is closed on %(day)s") % {"office": Office(office).label, "day": closure_day_words(day)}


def closure_summary(office, reason):
    """A closure in a line, as a calendar lists it: "The consular section closed: Christmas Day"."""
    return gettext("%(office)s closed: %(reason)s") % {"office": Office(office).label, "reason": reason}
