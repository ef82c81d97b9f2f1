import re
from itertools import groupby

from django.db.models import CharField
from django.db.models.functions import Cast, Substr
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from closures.models import Closure
from photos.inline import body_parts, inline_photo_ids, shown_photos
from photos.models import Photo
from publishing.pagecache import page_number, page_of, query_parameters
from publishing.roles import staff_required
from publishing.services import previewing
from sitewide.models import SiteSettings
from sitewide.seo import PageMeta, describe, home_crumb

from . import structured_data
from .calendar import build_calendar
from .models import EARLIEST_YEAR, LATEST_YEAR, Event

EVENTS_PER_PAGE = 50


def parse_year(value):
    """The ?year= filter: a year an event can have, written in four ASCII digits, or None.

    Anything else shows every year rather than an error page: the filter is a convenience, and an
    address with a mistyped year is still worth an answer (its canonical link names the full list).
    ``str.isdigit`` is not enough: it accepts "²" and "٣", which ``int`` refuses or reads as digits.
    """
    if value and re.fullmatch(r"[0-9]{4}", value) and EARLIEST_YEAR <= int(value) <= LATEST_YEAR:
        return int(value)
    return None


@query_parameters(year=parse_year, page=page_number)
def event_list(request):
    public = Event.objects.public()
    # The year as the first four characters of the ISO date: on SQLite, Django's ExtractYear calls a Python
    # function for every row, five times slower over the 10,000 events of a large site.
    years_available = [
        int(year)
        for year in public.annotate(y=Substr(Cast("starts_on", CharField()), 1, 4))
        .order_by("-y")
        .values_list("y", flat=True)
        .distinct()
    ]
    year = parse_year(request.GET.get("year"))
    events = public.select_related("section", "section__page")
    if year is not None:
        events = events.filter(starts_on__year=year)
    page_obj = page_of(request, events, EVENTS_PER_PAGE)
    grouped = [(y, list(items)) for y, items in groupby(page_obj.object_list, key=lambda event: event.year)]

    title = gettext("Events in %(year)s") % {"year": year} if year else gettext("Events")
    if page_obj.number > 1:
        title = f"{title}, page {page_obj.number}"
    canonical = {"year": year} if year else {}
    if page_obj.number > 1:
        canonical["page"] = page_obj.number
    path = reverse("events:list") + (f"?{urlencode(canonical)}" if canonical else "")
    meta = PageMeta(
        title=title,
        description=(
            f"Summits, ministerial meetings and other events in Japan-U.S. relations in {year}."
            if year
            else "Summits, ministerial meetings and other events in Japan-U.S. relations, newest first."
        ),
        path=path,
    )
    context = {
        "page_obj": page_obj,
        "years": grouped,
        "year": year,
        "years_available": years_available,
        "query_string": urlencode({"year": year}) if year else "",
        "meta": meta,
        "breadcrumbs": [home_crumb(), (gettext("Events"), reverse("events:list") if year else None)]
        + ([(str(year), None)] if year else []),
    }
    return render(request, "events/event_list.html", context)


def render_event(request, event, preview=None):
    """The event page; ``preview`` (a short notice) shows it to staff whatever its status."""
    photos = Photo.objects.filter(placements__event=event).order_by("placements__position")
    section = event.section
    if preview is None:
        photos = photos.public()
        if section is not None and not section.is_visible_to_public():
            section = None
    photos = list(photos)
    # Photographs dropped into the text are drawn as figures in their places, when they may be shown.
    inline = shown_photos(inline_photo_ids(event.body_html), include_drafts=preview is not None)
    body = body_parts(event.body_html, inline)
    first_figure = next((part.photo for part in body if part.photo), None) or (photos[0] if photos else None)
    if first_figure is not None:
        first_figure.is_first_figure = True  # on the first screen: not loaded lazily
    meta = PageMeta(
        title=f"{event.title} ({event.year})",
        description=describe(event.summary, event.body_html) or f"{event.title}, {event.location}",
        og_type="article",
        image=photos[0] if photos else None,
        structured_data=[structured_data.event(request, event, photos)],
    )
    context = {
        "event": event,
        "photos": photos,
        "body": body,
        "section": section,
        "meta": meta,
        "preview": preview,
        "breadcrumbs": [
            home_crumb(),
            (gettext("Events"), reverse("events:list")),
            (str(event.year), f"{reverse('events:list')}?year={event.year}"),
            (event.title, None),
        ],
    }
    response = render(request, "events/event_detail.html", context)
    if preview is not None:
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
    return response


@query_parameters()
def event_detail(request, slug):
    event = get_object_or_404(Event.objects.public().select_related("section", "section__page"), slug=slug)
    return render_event(request, event)


@staff_required("events.view_event")
def preview_event(request, pk):
    """The event as it will look once published, its pending changes and photographs' included."""
    events = Event.objects.filter(pk=pk)
    get_object_or_404(events)
    with previewing(events, Photo.objects.filter(placements__event_id=pk)):
        event = events.select_related("section", "section__page").get()
        return render_event(request, event, preview="Preview: this event as it will look.")


def calendar_response(content, filename, *, attachment):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@query_parameters()
def events_calendar(request):
    """Every published event and office closure, for subscribing in a calendar application."""
    name = gettext("Events and office closures – %(name)s") % {"name": SiteSettings.load().embassy_name}
    content = build_calendar(Event.objects.public(), request, name, closures=Closure.objects.public())
    return calendar_response(content, "events.ics", attachment=False)


@query_parameters()
def event_calendar(request, slug):
    """One event as an .ics file, to add it to a calendar."""
    event = get_object_or_404(Event.objects.public(), slug=slug)
    return calendar_response(build_calendar([event], request, event.title), f"{event.slug}.ics", attachment=True)
