from django.urls import path

from publishing.pagecache import query_parameters

from . import views
from .feeds import EventsFeed

app_name = "events"

# The feeds' names contain a dot, which an event's slug cannot: no event can ever hide them.
urlpatterns = [
    path("", views.event_list, name="list"),
    path("preview/<int:pk>/", views.preview_event, name="preview"),
    path("events.ics", views.events_calendar, name="calendar"),
    path("feed.atom", query_parameters()(EventsFeed()), name="feed"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/event.ics", views.event_calendar, name="ics"),
]
