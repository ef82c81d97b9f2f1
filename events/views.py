from itertools import groupby

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from embassy.decorators import staff_required
from photos.models import Photo

from .models import Event

EVENTS_PER_PAGE = 50


def event_list(request):
    events = Event.objects.public().select_related("section", "section__page")
    page_obj = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    years = [(year, list(items)) for year, items in groupby(page_obj.object_list, key=lambda event: event.year)]
    return render(request, "events/event_list.html", {"page_obj": page_obj, "years": years})


def render_event(request, event, preview=None):
    photos = Photo.objects.filter(placements__event=event).order_by("placements__position")
    section = event.section
    if preview is None:
        photos = photos.public()
        if section is not None and not section.is_visible_to_public():
            section = None
    context = {"event": event, "photos": photos, "section": section, "preview": preview}
    response = render(request, "events/event_detail.html", context)
    if preview is not None:
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
    return response


def event_detail(request, slug):
    event = get_object_or_404(Event.objects.public().select_related("section", "section__page"), slug=slug)
    return render_event(request, event)


@staff_required("events.view_event")
def preview_event(request, pk):
    event = get_object_or_404(Event.objects.select_related("section", "section__page"), pk=pk)
    return render_event(request, event, preview="Preview: this event as it will look.")
