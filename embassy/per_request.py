"""Values worked out at most once per request (the schedule, the header and footer).

``this_request`` is a thread-local namespace emptied when each request starts, so nothing in it
outlives the request that worked it out. Under gunicorn's threads each request has its own.
"""

import threading

from django.core.signals import request_started

this_request = threading.local()


def _forget(**kwargs):
    this_request.__dict__.clear()


request_started.connect(_forget, dispatch_uid="embassy-per-request")
