"""Scheduled changes go live by themselves, with no background job.

A draft scheduled for a moment is published by the first request to reach the site after that moment,
before the request reads any content. Knowing whether one is due costs nothing extra: the next scheduled
change is already known to every request that renders a page (:func:`publishing.pagecache.next_scheduled_change`,
kept in the cache for the current content generation), and a due draft's moment is that answer.
"""

from django.utils import timezone

from . import per_request
from .pagecache import next_scheduled_change
from .services import publish_due_drafts


class ScheduledEditionsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = timezone.now()
        moment = next_scheduled_change(now)
        if moment is not None and moment <= now and publish_due_drafts(now):
            per_request.forget_all()  # the schedule and the chrome this request remembered are out of date
        return self.get_response(request)
