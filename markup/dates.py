"""Dates as readers see them: "February 24, 2009", "February 2009" or "2009", and moments as staff see them.

Django's own date formatting (``date_format``) does the work, so that the month names follow the active
language when the site gains one; the formats per precision are the only rule kept here.
"""

import datetime
import functools

from django.db import models
from django.utils import timezone, translation
from django.utils.formats import date_format


class DatePrecision(models.TextChoices):
    """How much of a stored date is known: the source often gives only a month or a year."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


FORMATS = {DatePrecision.DAY: "F j, Y", DatePrecision.MONTH: "F Y", DatePrecision.YEAR: "Y"}
# Japanese: Django's own ja formats for the day and the month (2009年2月24日, 2009年2月), and the year alone (2009年).
# Gregorian years, never era names (平成21年): the sources give Gregorian dates, and the Japanese edition is read
# side by side with the English one, whose dates it must match at a glance.
LANGUAGE_FORMATS = {"ja": {DatePrecision.DAY: "DATE_FORMAT", DatePrecision.MONTH: "YEAR_MONTH_FORMAT",
                           DatePrecision.YEAR: "Y年"}}  # fmt: skip


def format_date(value, precision=DatePrecision.DAY):
    """``value`` (a date, or a moment, shown as the day it was in Washington) to the known ``precision``."""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)  # the day it was in Washington, not in UTC
    return _format_day(value, precision, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _format_day(day, precision, language):
    # Remembered: a page lists dozens of dates, each formatted by Django in 40 µs (a tenth of the overview's render
    # went to dates); the same day in the same language always reads the same. Called in ``language``.
    formats = LANGUAGE_FORMATS.get(language, FORMATS)
    return date_format(day, formats.get(precision, formats[DatePrecision.DAY]))


def format_moment(value):
    """A moment for staff messages, in Washington time: "2 December 2026, 14:05"."""
    return date_format(timezone.localtime(value), "j F Y, H:i")
