"""Who asked for e-mail, about what, and every message sent to them.

Addresses are personal data: a subscriber row exists only once someone asked, is deleted a short while after
they unsubscribe (or if they never confirm), and is never shown to editors (the admin shows counts). Each
e-mail is a :class:`Message` row, unique per subscriber and alert (or digest day): the row's state, not the
task queue, says whether it was sent, so a worker that dies mid-batch leaves nothing sent twice or lost.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


def new_key():
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    email = models.EmailField(max_length=254, unique=True)
    language = models.CharField(max_length=2, choices=settings.LANGUAGES, default="en")
    # Part of every signed link (manage, unsubscribe): a new key revokes them all.
    key = models.CharField(max_length=40, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=Q(language__in=["en", "ja"]), name="subscriber_language_known")]

    def __str__(self):
        return f"Subscriber {self.pk}"  # never the address: the admin's log and messages show this

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None


class Topic(models.TextChoices):
    NOTICES = "notices", "All notices"
    EMERGENCIES = "emergencies", "Emergency notices only"
    EVENTS = "events", "New events"
    PAGE = "page", "Updates of a page"


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "At once"
    DAILY = "daily", "A daily digest"


class Subscription(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    topic = models.CharField(max_length=12, choices=Topic.choices)
    page = models.ForeignKey(
        "sections.Section", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        limit_choices_to={"depth": 1},
    )  # fmt: skip
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(topic="page") & Q(page__isnull=False)) | (~Q(topic="page") & Q(page__isnull=True)),
                name="subscription_page_only_for_page_topic",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "topic"], condition=Q(page__isnull=True), name="subscription_topic_once"
            ),
            models.UniqueConstraint(fields=["subscriber", "page"], name="subscription_page_once"),
        ]

    def __str__(self):
        return self.get_topic_display()


class AlertKind(models.TextChoices):
    NOTICE = "notice", "Notice"
    EVENT = "event", "Event"
    PAGE = "page", "Page update"


class Alert(models.Model):
    """One publication that e-mails people: its words in each language, fixed when it was published."""

    kind = models.CharField(max_length=8, choices=AlertKind.choices)
    item_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    item_id = models.PositiveBigIntegerField()
    severity = models.PositiveSmallIntegerField(null=True, blank=True)
    subject_en = models.CharField(max_length=200)
    subject_ja = models.CharField(max_length=200, blank=True)
    text_en = models.TextField(blank=True)
    text_ja = models.TextField(blank=True)
    path = models.CharField(max_length=500, help_text="The address, on the site, the message links to.")
    created_at = models.DateTimeField(default=timezone.now)
    send_after = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject_en


class MessageKind(models.TextChoices):
    CONFIRMATION = "confirm", "Confirmation"
    ALERT = "alert", "Alert"
    DIGEST = "digest", "Daily digest"


class MessageState(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    # Its item was no longer public when its time came (a notice unpublished before its start): never sent.
    WITHDRAWN = "withdrawn", "Withdrawn"


class Message(models.Model):
    """One e-mail to one subscriber. Claimed by a worker for a short lease, then marked sent the moment the
    SMTP server accepted it; a lease that runs out (a worker killed) returns it to the queue."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=8, choices=MessageKind.choices)
    alert = models.ForeignKey(Alert, null=True, blank=True, on_delete=models.CASCADE, related_name="messages")
    digest_day = models.DateField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=MessageState.choices, default=MessageState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    send_after = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=40, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["state", "send_after"], name="alerts_message_due")]
        constraints = [
            models.UniqueConstraint(fields=["alert", "subscriber"], name="message_once_per_alert"),
            models.UniqueConstraint(fields=["subscriber", "digest_day"], name="message_one_digest_a_day"),
            models.CheckConstraint(
                condition=(Q(kind="alert") & Q(alert__isnull=False) & Q(digest_day__isnull=True))
                | (Q(kind="digest") & Q(alert__isnull=True) & Q(digest_day__isnull=False))
                | (Q(kind="confirm") & Q(alert__isnull=True) & Q(digest_day__isnull=True)),
                name="message_kind_consistent",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk} ({self.get_state_display()})"


class DigestEntry(models.Model):
    """An alert waiting for a subscriber's daily digest; ``message`` is set once a digest carries it."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="digest_entries")
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="digest_entries")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="entries")

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "digest entries"
        constraints = [models.UniqueConstraint(fields=["subscriber", "alert"], name="digest_entry_once")]

    def __str__(self):
        return f"Digest entry {self.pk}"
