"""The e-mails themselves: plain text and HTML, in the subscriber's language, with the embassy's name and address,
a link to manage the subscription and the one-click unsubscribe headers of RFC 8058."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from sitewide.models import SiteSettings

from . import tokens
from .models import MessageKind


def absolute(path):
    return settings.ALERTS_SITE_URL.rstrip("/") + path


def one_line(text):
    """A header value cannot carry a line break: a title is refused one anyway, and a stored one loses it here."""
    return " ".join(str(text).split())[:180]


def _localised(alert, field, language):
    return getattr(alert, f"{field}_{language}", "") or getattr(alert, f"{field}_en")


def build(message, embassy=None):
    """The EmailMultiAlternatives for a :class:`~alerts.models.Message` row (with subscriber, alert, entries)."""
    subscriber = message.subscriber
    language = subscriber.language
    embassy = embassy or SiteSettings.load()
    manage = tokens.manage_token(subscriber)
    with translation.override(language):
        context = {
            "embassy_name": embassy.embassy_name,
            "address_lines": [line for line in embassy.address.splitlines() if line.strip()],
            "manage_url": absolute(reverse("alerts:manage", args=[manage])),
            "unsubscribe_url": absolute(reverse("alerts:unsubscribe", args=[manage])),
            "kind": message.kind,
            "language": language,
        }
        if message.kind == MessageKind.CONFIRMATION:
            context["confirm_url"] = absolute(reverse("alerts:confirm", args=[tokens.confirm_token(subscriber)]))
            subject = translation.gettext("Confirm your e-mail alerts from %(name)s") % {"name": embassy.embassy_name}
        elif message.kind == MessageKind.ALERT:
            items = [_item(message.alert, language)]
            context["items"] = items
            subject = items[0]["subject"]
        else:
            context["items"] = [_item(entry.alert, language) for entry in message.entries.all()]
            subject = translation.gettext("Today's updates from %(name)s") % {"name": embassy.embassy_name}
        text = render_to_string("alerts/email/message.txt", context, using="django")
        html = render_to_string("alerts/email/message.html", context, using="django")
    email = EmailMultiAlternatives(
        subject=one_line(subject),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers={
            "Message-ID": f"<alert-message-{message.pk}@{settings.ALERTS_MESSAGE_ID_DOMAIN}>",
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "Content-Language": language,
        },
    )
    email.attach_alternative(html, "text/html")
    return email


def _item(alert, language):
    return {
        "subject": _localised(alert, "subject", language),
        "text": _localised(alert, "text", language),
        "url": absolute(_in_language(alert.path, language)),
    }


def _in_language(path, language):
    return path if language == settings.LANGUAGE_CODE else f"/{language}{path}"
