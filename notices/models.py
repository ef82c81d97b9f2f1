"""Notices: a short warning or announcement shown as a banner at the top of public pages.

A notice is published like everything else (draft, review, schedule, revisions: :mod:`publishing`); its start
and end are the schedule every publishable item has (``publish_at``/``unpublish_at``), so the page cache and
the site chrome already turn over at those moments (:func:`publishing.pagecache.next_scheduled_change`).
"""

import reversion
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from markup.validators import validate_no_control_characters
from publishing.models import PublicContent, Publishable, PublishableQuerySet, Status, public_condition


class Severity(models.IntegerChoices):
    # Numbers so that "most severe first" is an ORDER BY.
    INFORMATION = 1, "Information"
    WARNING = 2, "Warning"
    EMERGENCY = 3, "Emergency"


class NoticeQuerySet(PublishableQuerySet):
    def public(self, at=None):
        """Published and within its start and end, unless an "all clear" that follows it is public too."""
        at = at or timezone.now()
        shown = super().public(at)
        cleared = Notice.objects.filter(public_condition(at), follows=OuterRef("pk"))
        return shown.exclude(Exists(cleared)).order_by("-severity", "-publish_at", "-pk")


@reversion.register(follow=["placements"])
class Notice(Publishable):
    """A banner at the top of every page it applies to: a typhoon closing the office, a travel advisory."""

    severity = models.PositiveSmallIntegerField(
        choices=Severity.choices,
        default=Severity.INFORMATION,
        help_text="Emergency notices cannot be dismissed by readers and are shown first.",
    )
    title = models.CharField(
        max_length=120,
        validators=[validate_no_control_characters],
        help_text="A few words, shown in bold; also the subject of the e-mail alert.",
    )
    text = models.TextField(
        max_length=600,
        validators=[validate_no_control_characters],
        help_text="One or two plain sentences: what happened and what readers should do.",
    )
    follows = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        verbose_name="all clear for",
        help_text="Makes this notice the “all clear” of an earlier one: once this is shown, the earlier one is not, "
        "and its alert goes to the same people.",
    )
    # The start is required: a notice says from when it holds. The end is optional.
    publish_at = models.DateTimeField(
        "starts",
        default=timezone.now,
        db_index=True,
        help_text="The banner appears from this moment (once published).",
    )
    unpublish_at = models.DateTimeField(
        "ends",
        null=True,
        blank=True,
        db_index=True,
        help_text="Optional. The banner disappears at this moment.",
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        permissions = [("publish_notice", "Can publish, unpublish and schedule notices")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(condition=Q(severity__in=[1, 2, 3]), name="notice_severity_known"),
            models.CheckConstraint(condition=~Q(follows=models.F("pk")), name="notice_not_its_own_all_clear"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("notices:detail", kwargs={"pk": self.pk})

    @property
    def is_emergency(self):
        return self.severity == Severity.EMERGENCY

    @property
    def dismissable(self):
        return self.severity != Severity.EMERGENCY

    def publish_problems(self):
        if self.follows_id and self.follows.status != Status.PUBLISHED:
            return [f"“{self}” is the all clear for “{self.follows}”, which is not published."]
        return []


@reversion.register()
class NoticePage(PublicContent):
    """A page a notice is limited to; a notice without any is shown on every page."""

    changed_by = "editors"  # through a draft of the notice, which publishers publish

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="placements")
    page = models.ForeignKey(
        "sections.Section", on_delete=models.CASCADE, related_name="+", limit_choices_to={"depth": 1}
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = "page shown on"
        verbose_name_plural = "pages shown on (none: every page)"
        constraints = [models.UniqueConstraint(fields=["notice", "page"], name="notice_page_once")]

    def __str__(self):
        return str(self.page)
