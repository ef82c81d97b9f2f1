"""Sending: claim due messages for a lease, send them over one SMTP connection, record each result.

The message rows, not the task queue, say what was sent: a message is marked sent the moment the SMTP server
accepted it, so a task run twice, or a worker killed mid-batch (its lease runs out and another worker claims the
rest), sends nothing twice and loses nothing. Faults of the server (refused, timed out, disconnected) put the
unsent rest back with a growing delay; after MAX_ATTEMPTS a message is failed.
"""

import datetime
import smtplib
import socket
import time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import get_random_string

from publishing.models import Publishable, public_condition
from sitewide.models import SiteSettings

from . import mail
from .models import Message, MessageState

MAX_ATTEMPTS = 5
LEASE = datetime.timedelta(minutes=5)
BATCH = 200


def due_messages(now):
    return Message.objects.filter(
        Q(state=MessageState.PENDING, send_after__lte=now) | Q(state=MessageState.SENDING, lease_until__lt=now)
    )


def claim(now, limit=BATCH):
    """Claim up to ``limit`` due messages for a lease; a lease run out (a worker killed) makes them due again."""
    token = get_random_string(32)
    with transaction.atomic():
        ids = list(due_messages(now).order_by("send_after", "pk").values_list("pk", flat=True)[:limit])
        if not ids:
            return token, []
        Message.objects.filter(
            Q(state=MessageState.PENDING) | Q(state=MessageState.SENDING, lease_until__lt=now), pk__in=ids
        ).update(state=MessageState.SENDING, lease_until=now + LEASE, claimed_by=token)
    claimed = list(
        Message.objects.filter(claimed_by=token, state=MessageState.SENDING)
        .select_related("subscriber", "alert")
        .prefetch_related("entries__alert")
        .order_by("pk")
    )
    return token, claimed


TRANSIENT = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, socket.timeout, TimeoutError, ConnectionError,
             OSError)  # fmt: skip


class RateLimit:
    """At most ``per_second`` messages a second from this worker (ALERTS_RATE_PER_SECOND)."""

    def __init__(self, per_second):
        self.interval = 1 / per_second if per_second else 0
        self.next_at = time.monotonic()

    def wait(self):
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.interval


def send_batch(now=None, limit=BATCH, rate=None):
    """Claim and send one batch; returns (sent, failed, retrying). Nothing is sent outside a claim."""
    now = now or timezone.now()
    token, batch = claim(now, limit)
    if not batch:
        return 0, 0, 0
    withdrawn = _withdraw(batch, token, now)
    batch = [message for message in batch if message.pk not in withdrawn]
    embassy = SiteSettings.load()
    limiter = RateLimit(settings.ALERTS_RATE_PER_SECOND if rate is None else rate)
    sent = failed = retrying = 0
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
        for position, message in enumerate(batch):
            limiter.wait()
            try:
                connection.send_messages([mail.build(message, embassy)])
            except smtplib.SMTPRecipientsRefused as refusal:
                codes = [code for code, _text in refusal.recipients.values()]
                if all(400 <= code < 500 for code in codes):
                    retrying += _retry([message], f"Refused for now: {codes}")
                else:
                    failed += _fail(message, f"Refused: {codes}")
                continue
            except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as refusal:
                if 400 <= refusal.smtp_code < 500:
                    retrying += _retry(batch[position:], f"{refusal.smtp_code}")
                    break
                failed += _fail(message, f"{refusal.smtp_code} {refusal.smtp_error!r}")
                continue
            except TRANSIENT as fault:
                # Disconnected, timed out or refused mid-batch: this one and the rest go back, to be tried later.
                retrying += _retry(batch[position:], type(fault).__name__)
                break
            Message.objects.filter(pk=message.pk, claimed_by=token).update(
                state=MessageState.SENT, sent_at=timezone.now(), lease_until=None, error=""
            )
            sent += 1
    except TRANSIENT as fault:  # the connection could not be opened
        retrying += _retry(batch, type(fault).__name__)
    finally:
        try:
            connection.close()
        except TRANSIENT:
            pass
    return sent, failed, retrying


def _withdraw(batch, token, now):
    """Withdraw the alerts whose item is no longer public: unpublished (before its start, or since), or deleted.

    Checked when the message is sent rather than when the item changes: whatever made the item private (an
    unpublish, a revert to a draft, a deletion), nothing about it goes out. One query per kind of item.
    """
    items = {}
    for message in batch:
        if message.alert_id is not None:
            items.setdefault(message.alert.item_type_id, set()).add(message.alert.item_id)
    public = set()
    for type_id, ids in items.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None or not issubclass(model, Publishable):
            public |= {(type_id, pk) for pk in ids}  # nothing that can be unpublished
            continue
        found = model._base_manager.filter(public_condition(now), pk__in=ids).values_list("pk", flat=True)
        public |= {(type_id, pk) for pk in found}
    gone = [
        message.pk
        for message in batch
        if message.alert_id is not None and (message.alert.item_type_id, message.alert.item_id) not in public
    ]
    if gone:
        Message.objects.filter(pk__in=gone, claimed_by=token).update(
            state=MessageState.WITHDRAWN, lease_until=None, error="Its item is no longer published."
        )
    return set(gone)


def _retry(messages, reason):
    """Back to the queue with a growing delay; after MAX_ATTEMPTS tries, failed."""
    now = timezone.now()
    for message in messages:
        attempts = message.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            _fail(message, reason)
            continue
        delay = datetime.timedelta(seconds=settings.ALERTS_RETRY_SECONDS * 2 ** (attempts - 1))
        Message.objects.filter(pk=message.pk).update(
            state=MessageState.PENDING, attempts=attempts, send_after=now + delay, lease_until=None, error=reason[:300]
        )
    return len(messages)


def _fail(message, reason):
    Message.objects.filter(pk=message.pk).update(
        state=MessageState.FAILED, attempts=message.attempts + 1, lease_until=None, error=reason[:300]
    )
    return 1


def send_due(limit_batches=50, rate=None):
    """Send batches until nothing is due (or ``limit_batches``): what the task runs."""
    totals = [0, 0, 0]
    for _ in range(limit_batches):
        result = send_batch(rate=rate)
        totals = [a + b for a, b in zip(totals, result, strict=True)]
        if result[0] + result[1] == 0:  # nothing due, or only retries for later
            break
    return totals
