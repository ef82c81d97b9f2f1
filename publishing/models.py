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


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "Awaiting review"
    PUBLISHED = "published", "Published"


class PublicContent(models.Model):
    """A model whose rows are shown on public pages: saving or deleting one retires the cached pages."""

    # Who may change rows: "editors" (and publishers), or "publishers" alone (editors may only look).
    changed_by = "editors"

    class Meta:
        abstract = True


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

    def publish_problems(self):
        """What stops this item, as stored, from being published: sentences an editor can act on."""
        return []

    def history_page(self):
        """The page whose public history records a change note about this item, or None."""
        return None


class ChangeNote(PublicContent):
    """A line in a page's public history ("Added the February 2009 summit."), written when publishing."""

    page = models.ForeignKey("sections.Section", on_delete=models.CASCADE, related_name="change_notes")
    note = models.CharField(max_length=300)
    published_at = models.DateTimeField(default=timezone.now, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    changed_by = "publishers"

    class Meta:
        db_table = "sections_changenote"  # kept from when change notes lived with the sections
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.note

    def get_absolute_url(self):
        return self.page.get_absolute_url()
