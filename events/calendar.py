"""Events as iCalendar (RFC 5545), for calendar applications.

Dates: an event with a known day is an all-day event (DATE values; DTEND is
the day after the last day, as the RFC wants). An event whose sources give
only the month or the year spans that whole month or year, marked
TRANSPARENT so that it never shows the reader as busy, and its description
says how much of the date is known: this states what we know without
inventing a day. An event with a start time (and a single day) starts at that
wall-clock time as a "floating" time: the time stored is local to wherever the
event took place, and we do not store that place's time zone.
"""

import datetime

import icalendar
from django.urls import reverse

from closures.wording import closure_summary, closure_title
from markup.dates import DatePrecision
from markup.validators import strip_unsafe_characters

PRODUCT_ID = "-//Embassy of Japan in the United States//Events//EN"


def _next_period(day, precision):
    """The first day after the period that ``day`` stands for at ``precision``.

    Past the last day a date can hold, the last day: the model keeps event dates well inside that
    range, but a calendar of every event must not fail on one row stored before it did.
    """
    try:
        return _day_after_period(day, precision)
    except (OverflowError, ValueError):
        return datetime.date.max


def _day_after_period(day, precision):
    if precision == DatePrecision.YEAR:
        return datetime.date(day.year + 1, 1, 1)
    if precision == DatePrecision.MONTH:
        return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day + datetime.timedelta(days=1)


def _period_start(day, precision):
    if precision == DatePrecision.YEAR:
        return datetime.date(day.year, 1, 1)
    if precision == DatePrecision.MONTH:
        return datetime.date(day.year, day.month, 1)
    return day


PRECISION_NOTES = {
    DatePrecision.MONTH: "The sources give only the month of this event: {period:%B %Y}.",
    DatePrecision.YEAR: "The sources give only the year of this event: {period:%Y}.",
}


def build_event(event, request):
    """One VEVENT for ``event``; addresses are made absolute from ``request``."""
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@{request.get_host().split(':')[0]}")
    component.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    component.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    component.add("summary", _text(event.title))
    precision = event.date_precision
    single_day = event.ends_on is None or event.ends_on == event.starts_on
    if event.start_time and precision == DatePrecision.DAY and single_day:
        component.add("dtstart", datetime.datetime.combine(event.starts_on, event.start_time))
    else:
        component.add("dtstart", _period_start(event.starts_on, precision))
        component.add("dtend", _next_period(event.ends_on or event.starts_on, precision))
    if precision != DatePrecision.DAY:
        component.add("transp", "TRANSPARENT")
    if event.location:
        component.add("location", _text(event.location))
    description = [text for text in (event.summary, _participants(event), _precision_note(event)) if text]
    url = request.build_absolute_uri(event.get_absolute_url())
    description.append(url)
    component.add("description", _text("\n\n".join(description)))
    component.add("url", url)
    return component


def _text(value):
    """iCalendar TEXT cannot carry control characters; a row stored before they were refused loses them here."""
    return strip_unsafe_characters(value)


def _participants(event):
    return f"Participants: {event.participants}" if event.participants else ""


def _precision_note(event):
    note = PRECISION_NOTES.get(event.date_precision)
    return note.format(period=event.starts_on) if note else ""


def build_closure(closure, request):
    """One all-day VEVENT for an office closure, in the active language; TRANSPARENT: it keeps no one busy."""
    component = icalendar.Event()
    component.add("uid", f"closure-{closure.pk}@{request.get_host().split(':')[0]}")
    component.add("dtstamp", closure.updated_at.astimezone(datetime.UTC))
    component.add("last-modified", closure.updated_at.astimezone(datetime.UTC))
    component.add("summary", _text(closure_summary(closure.office, closure.reason)))
    component.add("dtstart", closure.day)
    component.add("dtend", closure.day + datetime.timedelta(days=1))
    component.add("transp", "TRANSPARENT")
    component.add("categories", ["CLOSURE"])
    url = request.build_absolute_uri(reverse("sections:contact") + "#closures")
    component.add("description", _text(f"{closure_title(closure.office, closure.day)}: {closure.reason}\n\n{url}"))
    component.add("url", url)
    return component


def build_calendar(events, request, name, closures=()):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _text(name))
    calendar.add("x-published-ttl", "PT12H")
    for event in events:
        calendar.add_component(build_event(event, request))
    for closure in closures:
        calendar.add_component(build_closure(closure, request))
    return calendar.to_ical()
