"""Signed links in messages (django.core.signing): they name a subscriber and carry its key, so a forged link
fails the signature, and an old one stops working when the key changes (or, for confirmation, after a week)."""

from django.core import signing

CONFIRM_SALT = "alerts.confirm"
MANAGE_SALT = "alerts.manage"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_token(subscriber):
    return signing.dumps([subscriber.pk, subscriber.key], salt=CONFIRM_SALT, compress=True)


def manage_token(subscriber):
    return signing.dumps([subscriber.pk, subscriber.key], salt=MANAGE_SALT, compress=True)


def _read(token, salt, max_age=None):
    from .models import Subscriber

    try:
        pk, key = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):  # SignatureExpired is a BadSignature
        return None
    return Subscriber.objects.filter(pk=pk, key=key).first()


def subscriber_from_confirm_token(token):
    return _read(token, CONFIRM_SALT, CONFIRM_MAX_AGE)


def subscriber_from_manage_token(token):
    return _read(token, MANAGE_SALT)
