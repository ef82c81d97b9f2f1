"""What every piece of public content shares: a status, a schedule, and one rule for what the public sees.

``PublicContent`` marks every model whose rows appear on public pages (so that a change to any of them
retires the cached pages); ``Publishable`` adds the status and schedule of content that is drafted,
reviewed and published. The registry (:mod:`publishing.registry`) finds both from the models themselves.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from markup.validators import validate_no_control_characters


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "Awaiting review"
    PUBLISHED = "published", "Published"


class PublicContent(models.Model):
    """A model whose rows are shown on public pages: saving or deleting one retires the cached pages."""

    # Who may change rows: "editors" (and publishers), or "publishers" alone (editors may only look).
    changed_by = "editors"
    # Whether a change to a live row is kept as a draft edition until it is published (publishing.editions)
    # rather than written to the row at once. Such models have a ``publish_<model>`` permission.
    has_editions = False

    class Meta:
        abstract = True

    def publish_problems(self):
        """What stops this item, as stored, from being published: sentences an editor can act on."""
        return []

    def unpublished_companions(self):
        """Items not yet published that this one shows (its photographs, its events): published with it."""
        return []

    def history_page(self):
        """The page whose public history records a change note about this item, or None."""
        return None


def public_condition(at):
    """The status and schedule rule, as a condition: published, and within its schedule at ``at``."""
    return (
        Q(status=Status.PUBLISHED)
        & (Q(publish_at__isnull=True) | Q(publish_at__lte=at))
        & (Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=at))
    )


class PublishableQuerySet(models.QuerySet):
    def public(self, at=None):
        """What the public may see at ``at`` (default: now). Every public view starts here."""
        return self.filter(public_condition(at or timezone.now()))


class Publishable(PublicContent):
    """Columns and rules shared by everything that can be drafted and scheduled."""

    # Date-time and date columns at which an item becomes or stops being public on its own; the page cache
    # keeps no page past the next of them (publishing.pagecache.next_scheduled_change). Models add their own.
    schedule_fields = ("publish_at", "unpublish_at")
    # Columns a revert must not change (publishing.revisions): a tree position, a replaced file.
    kept_on_revert = ()
    has_editions = True

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Drafts are seen only by staff; “Awaiting review” asks a publisher to publish. "
        "Published items are public within the schedule below.",
    )
    # Indexed: every uncached public page asks for the next scheduled change of each kind
    # (publishing.pagecache.next_scheduled_change), which an index answers with one seek.
    publish_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        db_index=True,
        help_text="Optional. A published item stays hidden until this moment.",
    )
    unpublish_at = models.DateTimeField(
        "unpublish at",
        null=True,
        blank=True,
        db_index=True,
        help_text="Optional. A published item is hidden again from this moment.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Counts saves, so that an edit based on an older copy is caught."
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(publish_at__isnull=True)
                | Q(unpublish_at__isnull=True)
                | Q(publish_at__lt=models.F("unpublish_at")),
                name="%(app_label)s_%(class)s_publish_before_unpublish",
            ),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.publish_at and self.unpublish_at and self.publish_at >= self.unpublish_at:
            raise ValidationError({"unpublish_at": "The unpublish time must come after the publish time."})

    @property
    def became_public_at(self):
        """When the current content reached the public: the later of the last save and the scheduled start."""
        if self.publish_at and self.publish_at > self.updated_at:
            return self.publish_at
        return self.updated_at

    def is_public(self, at=None):
        """The Python twin of :meth:`PublishableQuerySet.public`, for a row already read."""
        at = at or timezone.now()
        return (
            self.status == Status.PUBLISHED
            and (self.publish_at is None or self.publish_at <= at)
            and (self.unpublish_at is None or self.unpublish_at > at)
        )

    @property
    def is_live(self):
        """Published (whether or not its schedule has started): a change to it is drafted, not written."""
        return self.status == Status.PUBLISHED


class ChangeNoteQuerySet(models.QuerySet):
    def public(self):
        """The notes readers see: those of publications not reverted since."""
        return self.filter(withdrawn_at__isnull=True)


class ChangeNote(PublicContent):
    """A line in a page's public history ("Added the February 2009 summit."), written when publishing.

    It belongs to the publication of one item's edition (``item_type``/``item_id``, ``revision``): publishing a
    revert to an earlier revision withdraws the notes of the publications it undoes.
    """

    page = models.ForeignKey("sections.Section", on_delete=models.CASCADE, related_name="change_notes")
    note = models.CharField(max_length=300, validators=[validate_no_control_characters])
    published_at = models.DateTimeField(default=timezone.now, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    item_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    item_id = models.PositiveBigIntegerField(null=True, blank=True)
    revision = models.ForeignKey(
        "reversion.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ChangeNoteQuerySet.as_manager()

    changed_by = "publishers"

    class Meta:
        db_table = "sections_changenote"  # kept from when change notes lived with the sections
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.note

    def get_absolute_url(self):
        return self.page.get_absolute_url()


class DraftState(models.TextChoices):
    EDITING = "editing", "Being edited"
    REVIEW = "review", "Awaiting review"


class Draft(models.Model):
    """The next edition of a live item: its changes, kept as a revision until they are published.

    The live row is what the public reads; the draft's revision holds the item and the rows it owns
    (photographs placed, links, telephone lines) as the editor left them. At most one per item.
    A draft with ``go_live_at`` is scheduled: it is published by the first request after that moment
    (:func:`publishing.editions.publish_due_drafts`), and no cached page outlives it.
    """

    item_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    item_id = models.PositiveBigIntegerField()
    revision = models.ForeignKey("reversion.Revision", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=DraftState.choices, default=DraftState.EDITING)
    go_live_at = models.DateTimeField(null=True, blank=True, db_index=True)
    change_note = models.CharField(max_length=300, blank=True, validators=[validate_no_control_characters])
    change_note_ja = models.CharField(max_length=300, blank=True, validators=[validate_no_control_characters])
    # The earlier revision this draft brings back, if it is a revert: publishing it withdraws the change notes
    # of the publications since.
    reverts_to = models.ForeignKey(
        "reversion.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    publish_companions = models.BooleanField(default=False)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item_type", "item_id"], name="publishing_one_draft_per_item"),
        ]

    def __str__(self):
        return f"Draft of {self.item_type.name} {self.item_id}"

    @property
    def item(self):
        return self.item_type.get_object_for_this_type(pk=self.item_id)


class HistoryAction(models.TextChoices):
    CREATED = "created", "Created"
    SAVED = "saved", "Saved"
    SAVED_DRAFT = "saved_draft", "Saved a draft of changes"
    SUBMITTED = "submitted", "Submitted for review"
    PUBLISHED = "published", "Published"
    SCHEDULED = "scheduled", "Scheduled"
    UNSCHEDULED = "unscheduled", "Schedule cancelled"
    UNPUBLISHED = "unpublished", "Unpublished"
    DISCARDED = "discarded", "Discarded the draft"
    REVERTED = "reverted", "Reverted"
    MOVED = "moved", "Moved"
    RECOVERED = "recovered", "Recovered"


class HistoryEntry(models.Model):
    """One line of an item's history: what was done, by whom, when, and the revision it left, if any."""

    item_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    item_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=12, choices=HistoryAction.choices)
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.ForeignKey(
        "reversion.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["item_type", "item_id", "-at"], name="publishing_history_item")]
        verbose_name_plural = "history entries"

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"
