"""The publishing operations: submit for review, publish, unpublish, and what publishing records.

The admin's forms and actions and the management commands all call these functions, so that every rule
(the publish gate, who may publish, the review date, the change note) is checked in one place.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .models import ChangeNote, Status
from .registry import publish_permission

REVIEW_INTERVAL_YEARS = 1
NOT_ALLOWED_TO_PUBLISH = (
    "Only publishers can publish, unpublish or schedule. Save it as a draft, or choose “Awaiting review” "
    "to ask a publisher."
)


class NotReadyToPublish(ValidationError):
    """The publish gate refused: ``messages`` says what to fix."""


def may_publish(user, item_or_model):
    """Whether ``user`` may publish, unpublish and schedule rows of this model (None: a command, trusted)."""
    return user is None or user.has_perm(publish_permission(item_or_model))


def one_year_after(day):
    try:
        return day.replace(year=day.year + REVIEW_INTERVAL_YEARS)
    except ValueError:  # 29 February
        return day.replace(year=day.year + REVIEW_INTERVAL_YEARS, day=28)


def stamp_publication(item):
    """What publishing fills in: a review date one year after publication, unless an editor chose one.

    Called for every save of a published item, by :func:`publish` and by the admin's form save; content
    models without a ``review_by`` column have nothing to fill in.
    """
    if item.status != Status.PUBLISHED or getattr(item, "review_by", False) is not None:
        return
    publication = timezone.localdate(item.publish_at or timezone.now())
    item.review_by = one_year_after(publication)


def check_publishable(item):
    """Raise :class:`NotReadyToPublish` unless ``item``, as stored, passes the publish gate."""
    problems = item.publish_problems()
    if problems:
        raise NotReadyToPublish(problems)


@transaction.atomic
def publish(item, user=None, note=""):
    """Publish ``item`` (within its schedule) and record the change note; False if it was already published."""
    if not may_publish(user, item):
        raise PermissionDenied(NOT_ALLOWED_TO_PUBLISH)
    if item.status == Status.PUBLISHED:
        return False
    check_publishable(item)
    item.status = Status.PUBLISHED
    stamp_publication(item)
    item.save()
    if note:
        record_change_note(item, note, user)
    return True


@transaction.atomic
def unpublish(item, user=None):
    """Take ``item`` off the site, back to draft; False if it was not published."""
    if not may_publish(user, item):
        raise PermissionDenied(NOT_ALLOWED_TO_PUBLISH)
    if item.status != Status.PUBLISHED:
        return False
    item.status = Status.DRAFT
    item.save()
    return True


@transaction.atomic
def submit_for_review(item, user=None):
    """Ask a publisher to publish a draft; False if ``item`` was not a draft."""
    if item.status != Status.DRAFT:
        return False
    item.status = Status.REVIEW
    item.save()
    return True


def record_change_note(item, note, user=None):
    """Add ``note`` to the public history of the page ``item`` belongs to, if it belongs to one."""
    page = item.history_page()
    if page is None or not note.strip():
        return None
    return ChangeNote.objects.create(page=page, note=note.strip(), author=user)
