"""Values worked out at most once per request (the schedule, the header and footer).

The store is emptied when each request starts, so nothing in it outlives the request that worked it
out. asgiref's ``Local`` (what Django uses for its own per-request state) keeps each request's values
apart under gunicorn's threads and under ASGI alike.
"""

from asgiref.local import Local
from django.core.signals import request_started

_store = Local()


def recall(name):
    """The value remembered under ``name`` during this request, or None."""
    return getattr(_store, "values", {}).get(name)


def remember(name, value):
    if not hasattr(_store, "values"):
        _store.values = {}
    _store.values[name] = value


def forget_all(**kwargs):
    _store.values = {}


request_started.connect(forget_all, dispatch_uid="publishing-per-request")
