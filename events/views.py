from itertools import groupby

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from photos.models import Photo

from .models import Event

EVENTS_PER_PAGE = 50


def event_list(request):
    events = Event.objects.public().select_related("section", "section__page")
    page_obj = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    years = [(year, list(items)) for year, items in groupby(page_obj.object_list, key=lambda event: event.year)]
    return render(request, "events/event_list.html", {"page_obj": page_obj, "years": years})


def event_detail(request, slug):
    event = get_object_or_404(Event.objects.public().select_related("section", "section__page"), slug=slug)
    photos = list(Photo.objects.public().filter(placements__event=event).order_by("placements__position"))
    if photos:
        photos[0].is_first_figure = True  # on the first screen: not loaded lazily
    section = event.section
    if section is not None and not section.is_visible_to_public():
        section = None
    return render(request, "events/event_detail.html", {"event": event, "photos": photos, "section": section})
