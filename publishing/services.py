"""The publishing operations: drafts, review, publication, schedules, reverts, and what each records.

The admin's forms, actions and views, the management commands and the scheduled go-live all call these
functions, so that every rule (the publish gate, who may publish, the review date, the change note, the
history) is checked in one place.

An item that was never published is its own draft: its row is edited directly and :func:`publish` makes it
public. A *live* item (published, or the site settings) is never edited directly: changes to it are kept
as its :class:`~publishing.models.Draft` (see :mod:`publishing.editions`) until :func:`publish_draft`.
"""

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from markup.dates import format_moment

from . import editions
from .models import ChangeNote, Draft, DraftState, HistoryAction, HistoryEntry, Status
from .pagecache import content_changed
from .registry import publish_permission
from .signals import item_published
from .signals import publication_audience as publication_audience_signal

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


def is_live(item):
    """Whether changes to ``item`` are drafted rather than written: it is published, or always public."""
    if not item.has_editions or item.pk is None:
        return False
    return getattr(item, "is_live", True)


def _item_key(item):
    return {"item_type": ContentType.objects.get_for_model(type(item)), "item_id": item.pk}


def draft_of(item, *, lock=False):
    """The pending draft of a live ``item``, or None."""
    if item.pk is None:
        return None
    drafts = Draft.objects.select_related("revision")
    if lock:
        drafts = drafts.select_for_update()
    return drafts.filter(**_item_key(item)).first()


@contextmanager
def previewing(*querysets):
    """Inside, every item of ``querysets`` that has a pending draft reads as its draft; nothing stays.

    What a preview and a share link show: the page as it will look once its drafts are published, the rest
    of the site as published. Rendering happens inside; the sandbox is rolled back on the way out.
    """
    with editions.sandbox():
        for queryset in querysets:
            model = queryset.model
            drafts = list(
                Draft.objects.filter(
                    item_type=ContentType.objects.get_for_model(model), item_id__in=queryset.values("pk")
                ).select_related("revision")
            )
            items = model._default_manager.in_bulk([draft.item_id for draft in drafts])
            for draft in drafts:
                if draft.item_id in items:
                    editions.apply_snapshot(items[draft.item_id], draft.revision)
        yield


def record(item, action, user=None, revision=None, detail=""):
    """A line in the item's history."""
    return HistoryEntry.objects.create(**_item_key(item), action=action, user=user, revision=revision,
                                       detail=detail[:500])  # fmt: skip


def history_of(item):
    return HistoryEntry.objects.filter(**_item_key(item)).select_related("user", "revision")


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


def sentence_list(names):
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def state_label(item, draft=None, now=None):
    """What an editor needs to know at a glance: Draft, Awaiting review, Published, Published with
    unpublished changes, Scheduled (a first publication or a change, with its moment)."""
    now = now or timezone.now()
    status = getattr(item, "status", Status.PUBLISHED)
    if status == Status.DRAFT:
        return "Draft"
    if status == Status.REVIEW:
        return "Awaiting review"
    if getattr(item, "publish_at", None) and item.publish_at > now:
        return f"Scheduled: first publication {format_moment(item.publish_at)}"
    if draft is None:
        return "Published"
    if draft.go_live_at:
        return f"Published; change scheduled {format_moment(draft.go_live_at)}"
    if draft.state == DraftState.REVIEW:
        return "Published; changes awaiting review"
    return "Published, with unpublished changes"


def companions_problem(item, companions):
    names = sentence_list(f"“{companion}”" for companion in companions)
    them = "it" if len(companions) == 1 else "them"
    return (
        f"“{item}” shows {names}, not yet published. Tick “Publish with it” to publish {them} at the same "
        f"time, or take {them} out."
    )


def _publish_companions(item, user, with_companions, at=None):
    companions = item.unpublished_companions()
    if not companions:
        return []
    if not with_companions:
        raise NotReadyToPublish([companions_problem(item, companions)])
    for companion in companions:
        if at is not None:
            companion.publish_at = at
        publish(companion, user, with_companions=False)
    return companions


@transaction.atomic
def publish(item, user=None, note="", *, note_ja="", with_companions=False):
    """Publish ``item`` (within its schedule) and record the change note; False if it was already published.

    A live item with a draft has that draft published instead (:func:`publish_draft`).
    """
    if not may_publish(user, item):
        raise PermissionDenied(NOT_ALLOWED_TO_PUBLISH)
    if is_live(item):
        return publish_draft(item, user, note or None, note_ja=note_ja or None, with_companions=with_companions)
    check_publishable(item)
    _publish_companions(item, user, with_companions, at=item.publish_at)
    item.status = Status.PUBLISHED
    stamp_publication(item)
    item.save()
    revision = latest_revision(item)
    record_change_note(item, note, user, revision, note_ja=note_ja)
    announce_publication(item, note, user, first=True)
    record(item, HistoryAction.SCHEDULED if item.publish_at and item.publish_at > timezone.now()
           else HistoryAction.PUBLISHED, user, revision, detail=note)  # fmt: skip
    return True


def latest_revision(item):
    from reversion.models import Version

    version = Version.objects.get_for_object(item).select_related("revision").first()
    return version.revision if version else None


@transaction.atomic
def save_draft(item, states, user=None, note="", note_ja=""):
    """Keep ``states`` (from :func:`editions.snapshot`, taken in a sandbox) as the draft of live ``item``."""
    draft = draft_of(item, lock=True)
    revision = editions.store_revision(states, user, comment=note or "Draft saved.")
    if draft is None:
        draft = Draft(**_item_key(item))
    draft.revision = revision
    draft.updated_by = user
    if note:
        draft.change_note = note
    if note_ja:
        draft.change_note_ja = note_ja
    draft.save()
    record(item, HistoryAction.SAVED_DRAFT, user, revision, detail=note)
    return draft


@transaction.atomic
def submit_draft(item, user=None):
    """Ask a publisher to publish the draft of a live item; False if there is none or it already waits."""
    draft = draft_of(item, lock=True)
    if draft is None or draft.state == DraftState.REVIEW:
        return False
    draft.state = DraftState.REVIEW
    draft.save(update_fields=["state", "updated_at"])
    record(item, HistoryAction.SUBMITTED, user, draft.revision)
    return True


def check_draft(item, draft):
    """The publish gate's problems with the draft, found by applying it in a sandbox."""
    problems = []
    with editions.sandbox():
        editions.apply_snapshot(item, draft.revision)
        problems = list(item.publish_problems())
        companions = item.unpublished_companions()
        if companions and not draft.publish_companions:
            problems.append(companions_problem(item, companions))
    item.refresh_from_db()
    return problems


@transaction.atomic
def publish_draft(item, user=None, note=None, *, note_ja=None, with_companions=None):
    """Make the draft of live ``item`` its published edition; False if it has no draft.

    The gate checks the draft as it will be published; photographs and events it shows that are not yet
    published are published with it when ``with_companions`` (default: as the draft says), or refused.
    """
    if not may_publish(user, item):
        raise PermissionDenied(NOT_ALLOWED_TO_PUBLISH)
    draft = draft_of(item, lock=True)
    if draft is None:
        return False
    editions.apply_snapshot(item, draft.revision)
    check_publishable(item)
    _publish_companions(item, user, draft.publish_companions if with_companions is None else with_companions)
    if hasattr(item, "status"):
        stamp_publication(item)
        item.save()
    note = draft.change_note if note is None else note
    note_ja = draft.change_note_ja if note_ja is None else note_ja
    if draft.reverts_to_id:
        withdraw_change_notes(item, since=draft.reverts_to.date_created)
    record_change_note(item, note, user, draft.revision, note_ja=note_ja)
    announce_publication(item, note, user, first=False)
    record(item, HistoryAction.PUBLISHED, user, draft.revision, detail=note or "")
    draft.delete()
    return True


@transaction.atomic
def discard_draft(item, user=None):
    """Drop the draft of a live item: the published edition stays as it is. False if there was none."""
    draft = draft_of(item, lock=True)
    if draft is None:
        return False
    record(item, HistoryAction.DISCARDED, user, draft.revision)
    draft.delete()
    return True


@transaction.atomic
def schedule_draft(item, at, user=None, *, with_companions=False):
    """Publish the draft of live ``item`` at ``at`` by itself; the published edition stays until then."""
    if not may_publish(user, item):
        raise PermissionDenied(NOT_ALLOWED_TO_PUBLISH)
    if at <= timezone.now():
        raise ValidationError("This time has already passed: choose a time in the future.")
    draft = draft_of(item, lock=True)
    if draft is None:
        return False
    draft.publish_companions = with_companions
    problems = check_draft(item, draft)
    if problems:
        raise NotReadyToPublish(problems)
    if with_companions:
        with editions.sandbox():
            editions.apply_snapshot(item, draft.revision)
            companions = [(type(c), c.pk) for c in item.unpublished_companions()]
        item.refresh_from_db()
        for model, pk in companions:
            companion = model._default_manager.get(pk=pk)
            companion.publish_at = at
            publish(companion, user)
    draft.go_live_at = at
    draft.scheduled_by = user
    draft.save()
    content_changed()  # the site's next scheduled change may now be this one: no cached page may outlive it
    record(item, HistoryAction.SCHEDULED, user, draft.revision, detail=f"To go live at {at.isoformat()}.")
    return True


@transaction.atomic
def unschedule_draft(item, user=None):
    draft = draft_of(item, lock=True)
    if draft is None or draft.go_live_at is None:
        return False
    draft.go_live_at = None
    draft.save(update_fields=["go_live_at", "updated_at"])
    content_changed()
    record(item, HistoryAction.UNSCHEDULED, user, draft.revision)
    return True


@transaction.atomic
def revert_to(item, revision, user=None):
    """Make an earlier revision the item's draft, to be reviewed and published like any change.

    An item never published is its own draft: the revision is written onto it straight away.
    """
    stored = editions.revision_item(revision, item)
    if stored is None:
        raise ValidationError("That revision does not hold this item.")
    when = timezone.localtime(revision.date_created).strftime("%Y-%m-%d %H:%M")
    if not is_live(item):
        editions.apply_snapshot(item, revision)
        record(item, HistoryAction.REVERTED, user, latest_revision(item) or revision,
               detail=f"Brought back the revision of {when}.")  # fmt: skip
        return None
    with editions.sandbox():
        current = draft_of(item)
        editions.apply_snapshot(item, revision)
        if current is not None:  # the draft's edit counter moves on, so an editor's open copy is caught
            item.version = max(item.version, editions.revision_item(current.revision, item).version)
            item.save()
        states = editions.snapshot(item)
    item.refresh_from_db()
    draft = save_draft(item, states, user, note="")
    draft.reverts_to = revision
    draft.state = DraftState.EDITING
    draft.go_live_at = None
    draft.save()
    record(
        item, HistoryAction.REVERTED, user, draft.revision, detail=f"Brought back the revision of {when}, as a draft."
    )
    return draft


def withdraw_change_notes(item, since):
    """Withdraw the public notes of the item's publications after ``since`` (a revert undoes them)."""
    return ChangeNote.objects.filter(**_item_key(item), published_at__gt=since, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )


def publish_due_drafts(now, limit=50):
    """Publish the drafts scheduled at or before ``now``: what makes a scheduled change go live by itself.

    Called by the first request after the moment (:class:`publishing.middleware.ScheduledEditionsMiddleware`).
    Each draft is published in its own transaction, and only by the request that still finds it there.
    A draft the gate now refuses stays a draft, unscheduled, with the reason in its history.
    """
    published = 0
    due = list(
        Draft.objects.filter(go_live_at__lte=now).order_by("go_live_at", "pk").values_list("pk", flat=True)[:limit]
    )
    for pk in due:
        with transaction.atomic():
            draft = Draft.objects.select_for_update().filter(pk=pk, go_live_at__lte=now).first()
            if draft is None:
                continue  # another request published it
            item = draft.item
            try:
                with transaction.atomic():
                    publish_draft(item, draft.scheduled_by, with_companions=draft.publish_companions)
                published += 1
            except (NotReadyToPublish, PermissionDenied) as refusal:
                draft.go_live_at = None
                draft.save(update_fields=["go_live_at", "updated_at"])
                reasons = " ".join(getattr(refusal, "messages", [str(refusal)]))
                detail = "Not published at the scheduled time: " + reasons
                record(item, HistoryAction.UNSCHEDULED, None, draft.revision, detail=detail)
    return published


@transaction.atomic
def unpublish(item, user=None):
    """Take ``item`` off the site, back to draft; False if it was not published.

    A pending draft is kept: its changes become the item's draft text.
    """
    if not may_publish(user, item):
        raise PermissionDenied(NOT_ALLOWED_TO_PUBLISH)
    if getattr(item, "status", None) != Status.PUBLISHED:
        return False
    draft = draft_of(item, lock=True)
    if draft is not None:
        editions.apply_snapshot(item, draft.revision)
        draft.delete()
    item.status = Status.DRAFT
    item.save()
    record(item, HistoryAction.UNPUBLISHED, user, latest_revision(item))
    return True


@transaction.atomic
def submit_for_review(item, user=None):
    """Ask a publisher to publish: a draft item, or the draft of a live one. False if nothing changed."""
    if is_live(item):
        return submit_draft(item, user)
    if item.status != Status.DRAFT:
        return False
    item.status = Status.REVIEW
    item.save()
    record(item, HistoryAction.SUBMITTED, user, latest_revision(item))
    return True


def announce_publication(item, note="", user=None, *, first):
    """Tell the apps that act on a publication (the e-mail alerts): inside the publishing transaction."""
    item_published.send(sender=type(item), item=item, note=(note or "").strip(), user=user, first=first)


def publication_audience(item_or_model):
    """How many people publishing this item (or a new row of this model) would e-mail; None: no alerts."""
    item = None if isinstance(item_or_model, type) else item_or_model
    model = item_or_model if item is None else type(item)
    counts = [
        count for _receiver, count in publication_audience_signal.send(sender=model, item=item) if count is not None
    ]
    return sum(counts) if counts else None


def record_change_note(item, note, user=None, revision=None, *, note_ja=""):
    """Add ``note`` (and its Japanese, ``note_ja``) to the public history of the page ``item`` belongs to.

    A note is written in English first: the Japanese page shows the Japanese where there is one, and the
    English, marked as such, where there is not (as for any text).
    """
    history_page = getattr(item, "history_page", None)
    page = history_page() if history_page else None
    if page is None or not (note or "").strip():
        return None
    return ChangeNote.objects.create(
        page=page,
        note_en=note.strip(),
        note_ja=(note_ja or "").strip(),
        author=user,
        revision=revision,
        **_item_key(item),
    )
