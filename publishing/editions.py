"""Editions: how a change to a live item is kept apart from what the public reads.

The live rows are always the published edition. A change to them is a *draft*: a django-reversion
revision holding the item and the rows it owns (its ``follow`` relations: photographs placed, related
links, telephone lines), as the editor left them. Three operations do all the work:

* :func:`snapshot` serialises an item and its owned rows, as they are in the database now;
* :func:`apply_snapshot` writes a revision back onto the rows (normal saves: the search index, the page
  cache and the edit counter follow), keeping the columns a revision must not change;
* :func:`sandbox` runs code against the draft inside a transaction that is always rolled back.

So the admin edits a draft by applying it in a sandbox and letting Django's own change form and inline
formsets do what they always do; the result is snapshotted before the rollback. A preview renders the
real public page in a sandbox. Publishing applies the draft for real.
"""

import contextvars
import json
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import connection, transaction
from django.utils import timezone
from reversion.models import Revision, Version
from reversion.revisions import _get_options

from . import per_request

# Set while a sandbox runs: nothing done in it is real, so it must not retire the cached pages.
in_sandbox = contextvars.ContextVar("in_sandbox", default=False)


class _RollBack(Exception):
    pass


@contextmanager
def sandbox():
    """A transaction that is always rolled back: what is written inside never happened.

    Values this request remembered (the schedule, the site's header and footer) are forgotten on the way in
    and out, so that nothing read from a draft outlives the sandbox; shared caches are not written inside.
    """
    token = in_sandbox.set(True)
    per_request.forget_all()
    try:
        with transaction.atomic():
            yield
            raise _RollBack
    except _RollBack:
        pass
    finally:
        in_sandbox.reset(token)
        per_request.forget_all()


def owned_rows(item):
    """The rows ``item`` owns and a revision carries with it: its django-reversion ``follow`` relations."""
    rows = []
    # django-reversion has no public accessor for a model's registration options.
    for name in _get_options(type(item)).follow:
        related = getattr(item, name)
        rows.extend(related.all() if hasattr(related, "all") else [related])
    return rows


def snapshot(item):
    """The item and its owned rows as stored now: ``[(instance, serialized json), …]``, item first."""
    objects = [item, *owned_rows(item)]
    return [(obj, serializers.serialize("json", [obj])) for obj in objects]


def store_revision(states, user=None, comment=""):
    """A django-reversion revision of ``states`` (from :func:`snapshot`), written now."""
    revision = Revision.objects.create(user=user, comment=comment[:1000], date_created=timezone.now())
    Version.objects.bulk_create(
        Version(
            revision=revision,
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=str(obj.pk),
            db="default",
            format="json",
            serialized_data=data,
            object_repr=str(obj)[:191],
        )
        for obj, data in states
    )
    _reserve_primary_keys(states)
    return revision


def _reserve_primary_keys(states):
    # A row created in a sandbox was rolled back, and SQLite would give its number to the next row made, so
    # the draft's row could later overwrite someone else's. PostgreSQL's sequences never go back.
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for obj, _data in states:
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [obj.pk, obj._meta.db_table]
            )


def revision_states(revision):
    """``{(model, pk): instance}`` for each row a revision holds, deserialised (not saved)."""
    states = {}
    for version in revision.version_set.select_related("content_type"):
        model = version.content_type.model_class()
        if model is None:
            continue
        obj = next(serializers.deserialize("json", version.serialized_data, ignorenonexistent=True)).object
        states[(model, obj.pk)] = obj
    return states


def revision_item(revision, item):
    """The stored copy of ``item`` in ``revision``, or None."""
    return revision_states(revision).get((type(item), item.pk))


def apply_snapshot(item, revision, *, exact_version=False):
    """Write ``revision`` onto ``item`` and its owned rows: rows the revision lacks are deleted.

    Columns named in the model's ``kept_on_revert`` (a tree position, an image file) keep their current
    values. The edit counter moves on from the stored copy's, or, with ``exact_version`` (a sandbox that
    shows the draft to an editor), is the stored copy's exactly, so a save based on an older draft is caught.
    """
    states = revision_states(revision)
    stored = states.pop((type(item), item.pk), None)
    if stored is None:
        return item
    kept = set(getattr(item, "kept_on_revert", ())) | {"id", "created_at", "updated_at", "version"}
    for field in item._meta.concrete_fields:
        if field.name not in kept and not field.primary_key:
            setattr(item, field.attname, getattr(stored, field.attname))
    if hasattr(stored, "version"):  # save() counts one more
        item.version = stored.version - 1 if exact_version else max(stored.version, item.version)
    item.save()
    wanted = {(type(obj), obj.pk): obj for obj in states.values()}
    for row in owned_rows(item):
        if (type(row), row.pk) not in wanted:
            row.delete()
    current = {(type(row), row.pk) for row in owned_rows(item)}
    for key, obj in wanted.items():
        model = key[0]
        if key not in current and model._default_manager.filter(pk=obj.pk).exists():
            obj.pk = None  # its number was taken by another row meanwhile: a new row, not theirs
        obj.save()
    return item


def json_fields(data):
    """The ``fields`` of a serialised row (one object in a json list)."""
    return json.loads(data)[0]["fields"]
