"""Sign-in events announced by Django and django-axes, written to the audit log."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from . import services
from .models import AuditEvent


@receiver(user_logged_in, dispatch_uid="accounts_signed_in")
def signed_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[services.PASSWORD_AT_KEY] = timezone.now().timestamp()
    services.remember_session(request, user)
    services.record(request, AuditEvent.Kind.SIGN_IN, user)


@receiver(user_login_failed, dispatch_uid="accounts_sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    if sender == services.__name__:
        return  # a refused code, already recorded as such
    services.record(request, AuditEvent.Kind.FAILURE, username=str(credentials.get("username", "")))


@receiver(user_locked_out, dispatch_uid="accounts_locked_out")
def locked_out(sender, request, username, ip_address, **kwargs):
    services.record(request, AuditEvent.Kind.LOCKOUT, username=str(username or ""), detail=f"from {ip_address}")


@receiver(user_logged_out, dispatch_uid="accounts_signed_out")
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        services.record(request, AuditEvent.Kind.SIGN_OUT, user)


@receiver(post_delete, sender=TOTPDevice, dispatch_uid="accounts_device_removed")
@receiver(post_delete, sender=WebAuthnCredential, dispatch_uid="accounts_passkey_removed")
def device_removed(sender, instance, **kwargs):
    # A superuser resetting a lost device deletes it in the admin (which also writes the admin log).
    if instance.confirmed:
        kind = "passkey" if sender is WebAuthnCredential else "authenticator app"
        services.record(None, AuditEvent.Kind.DEVICE_REMOVED, instance.user, detail=f"{kind}: {instance.name}")
