"""Subscriptions and sending: every rule about who is e-mailed, when, and how often, in one place.

Views, the admin, the publishing hook and the worker call these functions. Sending never happens in a request:
publishing writes one :class:`~alerts.models.Message` row per person (in bulk, inside the publishing transaction)
and enqueues :func:`alerts.tasks.send_due_messages`; a worker claims due rows for a lease, sends them over one
SMTP connection, and marks each sent the moment the server accepted it.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connections, router, transaction
from django.db.models import Count, Q
from django.utils import timezone

from events.models import Event
from notices.banner import SEVERITY_WORDS
from notices.models import Notice, Severity

from . import mail
from .models import (
    Alert,
    AlertKind,
    DigestEntry,
    Frequency,
    Message,
    MessageKind,
    MessageState,
    Subscriber,
    Subscription,
    Topic,
)
from .sending import due_messages

logger = logging.getLogger(__name__)

CONFIRMATION_INTERVAL = datetime.timedelta(hours=1)  # at most one confirmation per address per hour
SUBSCRIBE_REQUESTS_PER_IP_PER_HOUR = 20
UNCONFIRMED_KEPT = datetime.timedelta(days=7)
UNSUBSCRIBED_KEPT = datetime.timedelta(days=7)  # the grace period: a mistaken click can be undone


# Subscribing ---------------------------------------------------------------------------------------------------


def too_many_requests_from(ip):
    """Whether this address of a visitor asked too often this hour (counted in the cache, shared by servers)."""
    key = f"alerts-subscribe-ip:{ip}"
    cache.add(key, 0, 3600)
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1
    return count > SUBSCRIBE_REQUESTS_PER_IP_PER_HOUR


@transaction.atomic
def subscribe(email, language, topics, frequency, page=None, now=None):
    """Ask for alerts: an unconfirmed subscriber gets a confirmation e-mail, at most one an hour.

    The answer to the visitor is the same whatever happens here, so nobody learns whether an address is known.
    A confirmed subscriber's choices are only changed from their own manage link, never by this form.
    Returns the subscriber, or None when nothing was done.
    """
    now = now or timezone.now()
    email = email.strip()
    subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
        email__iexact=email, defaults={"email": email, "language": language}
    )
    if subscriber.is_active:
        queue_confirmation(subscriber, now, reminder=True)
        return subscriber
    if subscriber.unsubscribed_at is not None:
        subscriber.unsubscribed_at = None
        subscriber.confirmed_at = None
    subscriber.language = language
    subscriber.save()
    set_subscriptions(subscriber, topics, frequency, page)
    queue_confirmation(subscriber, now)
    return subscriber


def queue_confirmation(subscriber, now, reminder=False):
    """A confirmation message (or, for someone already confirmed, their manage link), throttled per address."""
    if subscriber.confirmation_sent_at and now - subscriber.confirmation_sent_at < CONFIRMATION_INTERVAL:
        return None
    Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=now)
    subscriber.confirmation_sent_at = now
    message = Message.objects.create(subscriber=subscriber, kind=MessageKind.CONFIRMATION, send_after=now)
    enqueue_sending()
    return message


def set_subscriptions(subscriber, topics, frequency, page=None):
    """Replace the subscriber's subscriptions with ``topics`` (Topic values), each at ``frequency``."""
    subscriber.subscriptions.all().delete()
    rows = []
    for topic in dict.fromkeys(topics):
        if topic == Topic.PAGE:
            if page is not None:
                rows.append(Subscription(subscriber=subscriber, topic=topic, page=page, frequency=frequency))
        elif topic in Topic.values:
            rows.append(Subscription(subscriber=subscriber, topic=topic, frequency=frequency))
    if Topic.NOTICES in topics:  # all notices include the emergencies
        rows = [row for row in rows if row.topic != Topic.EMERGENCIES]
    Subscription.objects.bulk_create(rows)


@transaction.atomic
def confirm(subscriber, now=None):
    if subscriber.unsubscribed_at is not None:
        return False
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = now or timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return True


@transaction.atomic
def unsubscribe(subscriber, now=None):
    """Stop every message at once; the address is deleted after the grace period (purge)."""
    now = now or timezone.now()
    if subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = now
        subscriber.save(update_fields=["unsubscribed_at"])
    subscriber.messages.filter(state=MessageState.PENDING).delete()
    subscriber.digest_entries.filter(message__isnull=True).delete()


def export(subscriber):
    """What is kept about one person, for a request under data-protection law."""
    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "created_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at and subscriber.confirmed_at.isoformat(),
        "unsubscribed_at": subscriber.unsubscribed_at and subscriber.unsubscribed_at.isoformat(),
        "subscriptions": [
            {"topic": s.topic, "page": s.page.slug if s.page else None, "frequency": s.frequency}
            for s in subscriber.subscriptions.select_related("page")
        ],
        "messages": [
            {"kind": m.kind, "state": m.state, "sent_at": m.sent_at and m.sent_at.isoformat()}
            for m in subscriber.messages.all()
        ],
    }


def purge(now=None):
    """Delete the addresses no longer wanted: unsubscribed past the grace period, never confirmed after a week."""
    now = now or timezone.now()
    gone = Subscriber.objects.filter(
        Q(unsubscribed_at__lt=now - UNSUBSCRIBED_KEPT)
        | Q(confirmed_at__isnull=True, created_at__lt=now - UNCONFIRMED_KEPT)
    )
    return gone.delete()[1].get(Subscriber._meta.label, 0)


# Who hears of a publication ------------------------------------------------------------------------------------


def _subscriptions_for(item, note, first):
    """The subscriptions a publication of ``item`` reaches, as a Subscription queryset; None if it sends nothing."""
    if isinstance(item, Notice):
        if not first and not note:
            return None
        severity = item.severity
        if item.follows_id:  # an all clear reaches whoever heard of what it follows
            severity = max(severity, item.follows.severity)
        topics = [Topic.NOTICES] + ([Topic.EMERGENCIES] if severity == Severity.EMERGENCY else [])
        return Subscription.objects.filter(topic__in=topics)
    if isinstance(item, Event):
        return Subscription.objects.filter(topic=Topic.EVENTS) if first else None
    history_page = getattr(item, "history_page", None)
    page = history_page() if history_page and not isinstance(item, Event) else None
    if page is None or not note:
        return None
    return Subscription.objects.filter(topic=Topic.PAGE, page=page)


def _active(subscriptions):
    return subscriptions.filter(subscriber__confirmed_at__isnull=False, subscriber__unsubscribed_at__isnull=True)


def audience_count(sender, item=None, **kwargs):
    """Receiver of :data:`publishing.signals.publication_audience`: how many people would be e-mailed."""
    model = type(item) if item is not None else sender
    probe = item if item is not None else model()
    if model is Notice:
        subscriptions = _subscriptions_for(probe, "", first=True)
    elif model is Event:
        subscriptions = Subscription.objects.filter(topic=Topic.EVENTS)
    elif hasattr(probe, "history_page") and item is not None:
        subscriptions = _subscriptions_for(item, "a change note", first=False)
    else:
        return None
    if subscriptions is None:
        return 0
    return _active(subscriptions).values("subscriber").distinct().count()


def on_published(sender, item, note="", user=None, first=False, **kwargs):
    """Receiver of :data:`publishing.signals.item_published`: queue the alerts, inside the publishing transaction."""
    subscriptions = _subscriptions_for(item, note, first)
    if subscriptions is None:
        return None
    return queue_alert(item, note, user, subscriptions)


def _alert_words(item, note):
    from django.utils import translation

    words = {}
    for language in ("en", "ja"):
        with translation.override(language):
            if isinstance(item, Notice):
                title = getattr(item, f"title_{language}") or ""
                subject = f"{SEVERITY_WORDS[Severity(item.severity)]}: {title}" if title else ""
                text = getattr(item, f"text_{language}") or ""
            elif isinstance(item, Event):
                subject = getattr(item, f"title_{language}") or ""
                text = getattr(item, f"summary_{language}") or ""
            else:
                page = item.history_page()
                subject = getattr(page, f"title_{language}") or ""
                text = note
        words[language] = (subject, text)
    return words


def queue_alert(item, note, user, subscriptions):
    """One Alert and a Message (or, for a daily digest, a DigestEntry) per person, written in bulk."""
    now = timezone.now()
    send_after = max(now, getattr(item, "publish_at", None) or now)
    words = _alert_words(item, note)
    kind = (
        AlertKind.NOTICE if isinstance(item, Notice) else AlertKind.EVENT if isinstance(item, Event) else AlertKind.PAGE
    )
    path = item.get_absolute_url() if kind != AlertKind.PAGE else item.history_page().get_absolute_url()
    alert = Alert.objects.create(
        kind=kind,
        item_type=ContentType.objects.get_for_model(type(item)),
        item_id=item.pk,
        severity=getattr(item, "severity", None),
        subject_en=mail.one_line(words["en"][0] or str(item)),
        subject_ja=mail.one_line(words["ja"][0]),
        text_en=words["en"][1],
        text_ja=words["ja"][1],
        path=path,
        send_after=send_after,
        created_by=user,
    )
    # One row per person, immediate wins over digest when they hold both kinds of subscription.
    people = _active(subscriptions).values("subscriber_id").distinct()
    immediate = people.filter(frequency=Frequency.IMMEDIATE)
    daily = people.filter(frequency=Frequency.DAILY).exclude(subscriber_id__in=immediate)
    message_row = {"kind": MessageKind.ALERT, "alert_id": alert.pk, "state": MessageState.PENDING, "attempts": 0,
                   "send_after": send_after, "claimed_by": "", "error": ""}  # fmt: skip
    queued = _insert_for_each(Message, message_row, immediate)
    _insert_for_each(DigestEntry, {"alert_id": alert.pk}, daily)
    if queued:
        transaction.on_commit(lambda: enqueue_sending(run_after=send_after if send_after > now else None))
    return alert


def _insert_for_each(model, row, people):
    """Insert ``row`` once per subscriber in ``people`` (a query of ``subscriber_id``); returns how many.

    One INSERT … SELECT, whatever the number of people: the rows never pass through Python. Built from the ORM's
    own SQL for the query, so the database checks every constraint of the table (the same as bulk_create).
    With 20,000 subscribers this keeps the publisher's request well under two seconds (docs/performance.md).
    """
    using = router.db_for_write(model)
    connection = connections[using]
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in row]
    values = [field.get_db_prep_save(value, connection) for field, value in zip(fields, row.values(), strict=True)]
    select, params = people.query.get_compiler(using=using).as_sql()
    columns = ", ".join([quote("subscriber_id"), *(quote(field.column) for field in fields)])
    placeholders = ", ".join(["people.subscriber_id", *["%s"] * len(values)])
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) SELECT {placeholders} FROM ({select}) people"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, *params])
        return cursor.rowcount


def alert_counts(alert):
    counts = dict(alert.messages.values_list("state").annotate(n=Count("pk")))
    waiting = alert.digest_entries.filter(message__isnull=True).count()
    return {
        "sent": counts.get(MessageState.SENT, 0),
        "failed": counts.get(MessageState.FAILED, 0),
        "pending": counts.get(MessageState.PENDING, 0) + counts.get(MessageState.SENDING, 0) + waiting,
    }


# Daily digests -------------------------------------------------------------------------------------------------


def queue_digests(now=None):
    """Once a day from ALERTS_DIGEST_HOUR (Washington time): one digest per person with alerts waiting.

    Unique per person and day, so a second worker or a second run the same day adds nothing.
    """
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < settings.ALERTS_DIGEST_HOUR:
        return 0
    day = local.date()
    waiting = (
        DigestEntry.objects.filter(message__isnull=True, alert__send_after__lte=now)
        .values_list("subscriber_id", flat=True)
        .distinct()
    )
    made = 0
    for subscriber_id in list(waiting[:10000]):
        with transaction.atomic():
            message, created = Message.objects.get_or_create(
                subscriber_id=subscriber_id, digest_day=day, defaults={"kind": MessageKind.DIGEST, "send_after": now}
            )
            if not created:
                continue
            DigestEntry.objects.filter(subscriber_id=subscriber_id, message__isnull=True).update(message=message)
            made += 1
    if made:
        enqueue_sending()
    return made


# Sending -------------------------------------------------------------------------------------------------------


def enqueue_sending(run_after=None):
    from .tasks import send_due_messages  # the task module imports the sending, which must not import this one

    task = send_due_messages.using(run_after=run_after) if run_after else send_due_messages
    task.enqueue()


def housekeeping(now=None):
    """What the worker does between tasks: digests, a send task for anything due (a retry, a lease run out)."""
    now = now or timezone.now()
    queue_digests(now)
    if due_messages(now).exists():
        enqueue_sending()
    purge(now)
