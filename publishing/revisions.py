"""Reverting keeps what a revision must not change.

django-reversion reverts by saving the stored copy of each object. Some
columns must keep their current values: a section's place in the tree (it may
have moved since), a photograph's file (replaced files are deleted), and the
edit counter, which must move forward so that anyone editing at the time
notices the revert. Before a revision is shown or reverted, its stored copies
are brought up to date in those columns.
"""

import json

from django.shortcuts import get_object_or_404
from reversion.models import Version

from .models import Publishable


def align_with_current(revision):
    for version in revision.version_set.select_related("content_type"):
        model = version.content_type.model_class()
        if model is None or not issubclass(model, Publishable) or version.format != "json":
            continue
        columns = list(model.kept_on_revert)
        current = model._default_manager.filter(pk=version.object_id).values(*columns, "version").first()
        if current is None:
            continue  # deleted since: nothing current to keep
        data = json.loads(version.serialized_data)
        for column in columns:
            data[0]["fields"][column] = current[column]
        data[0]["fields"]["version"] = current["version"] + 1
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])


class KeepCurrentColumnsOnRevertMixin:
    """For VersionAdmin subclasses of Publishable models (each names its ``kept_on_revert`` columns)."""

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id, object_id=object_id)
        align_with_current(version.revision)
        return super().revision_view(request, object_id, version_id, extra_context)
