"""The rules of staff sign-in, shared by the middleware, the views, the admin and the commands."""

from datetime import timedelta
from importlib import import_module

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_client_user_agent
from django.conf import settings
from django.contrib.auth import signals as auth_signals
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp_webauthn.models import WebAuthnCredential

from .models import AuditEvent, PasskeyRequirement, SecondFactorExemption, StaffSession

# Set in the session when the password is accepted; the second factor must follow within HALF_SESSION_SECONDS.
PASSWORD_AT_KEY = "accounts_password_at"
SIGNED_IN_AT_KEY = "accounts_signed_in_at"
RECOVERY_CODE_COUNT = 10


def client_ip(request):
    """The client's address, derived exactly as django-axes derives it (embassy/settings.py, AXES_IPWARE_*)."""
    if request is None:
        return None
    return get_client_ip_address(request)


def record(request, kind, user=None, username="", detail=""):
    if user is not None and not username:
        username = user.get_username()
    return AuditEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=username[:150],
        ip_address=client_ip(request),
        user_agent=(get_client_user_agent(request) if request is not None else "")[:300],
        detail=detail[:500],
    )


def enforcement_on():
    return settings.ACCOUNTS_REQUIRE_2FA


def exemption_in_force(user, now=None):
    return SecondFactorExemption.objects.in_force(now).filter(user=user).exists()


def needs_second_factor(user, now=None):
    """Whether this signed-in user must verify a second factor before anything else."""
    return bool(user.is_authenticated and user.is_staff and enforcement_on() and not exemption_in_force(user, now))


def confirmed_devices(user):
    return list(devices_for_user(user, confirmed=True))


def has_device(user):
    return any(not isinstance(device, StaticDevice) for device in confirmed_devices(user))


def has_passkey(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def passkey_groups(user):
    """The names of the user's groups whose members must verify with a passkey."""
    requirements = PasskeyRequirement.objects.filter(group__user=user).order_by("group__name")
    return list(requirements.values_list("group__name", flat=True))


def passkey_required(user):
    return PasskeyRequirement.objects.filter(group__user=user).exists()


def passkey_required_message(user):
    groups = ", ".join(passkey_groups(user)) or "your group"
    return f"Members of {groups} sign in with a passkey: authenticator codes and recovery codes are not accepted."


def second_factor_done(request):
    """Whether this session verified a second factor the user may sign in with.

    A member of a passkey group whose session was verified with a code (allowed once, only to add a first
    passkey) has not finished signing in.
    """
    user = request.user
    if not user.is_verified():
        return False
    return not passkey_required(user) or isinstance(getattr(user, "otp_device", None), WebAuthnCredential)


def new_recovery_codes(user):
    """Replace the user's recovery codes with a fresh set, returned once for the person to keep."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes", defaults={"confirmed": True})
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def has_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).exists()


def is_dormant(user, now=None):
    """Unused for longer than ACCOUNTS_DORMANT_DAYS: no sign-in (or, never signed in, no creation) since then."""
    now = now or timezone.now()
    last_seen = user.last_login or user.date_joined
    return now - last_seen > timedelta(days=settings.ACCOUNTS_DORMANT_DAYS)


def dormant_users(now=None):
    from django.contrib.auth import get_user_model

    cutoff = (now or timezone.now()) - timedelta(days=settings.ACCOUNTS_DORMANT_DAYS)
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    return [user for user in users if (user.last_login or user.date_joined) < cutoff]


def suspend(user, request=None, detail=""):
    user.is_active = False
    user.save(update_fields=["is_active"])
    record(
        request, AuditEvent.Kind.SUSPENSION, user, detail=detail or f"unused for {settings.ACCOUNTS_DORMANT_DAYS} days"
    )


def code_attempts_locked(request, user):
    return AxesProxyHandler.is_locked(request, {"username": user.get_username()})


def code_refused(request, user, detail=""):
    """Counted by django-axes like a refused password: enough of them lock the account."""
    record(request, AuditEvent.Kind.CODE_FAILURE, user, detail=detail)
    auth_signals.user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)


def second_factor_passed(request, user, device):
    from django_otp import login as otp_login

    otp_login(request, device)
    request.session[SIGNED_IN_AT_KEY] = timezone.now().timestamp()
    request.session.pop(PASSWORD_AT_KEY, None)
    # Failures are forgotten only once both factors passed (AXES_RESET_ON_SUCCESS is off: a password alone
    # must not wipe the count of guessed codes).
    AxesProxyHandler.reset_attempts(username=user.get_username())
    record(request, AuditEvent.Kind.VERIFIED, user, detail=f"{type(device).__name__}: {device.name}")


def half_session_expired(request):
    started = request.session.get(PASSWORD_AT_KEY)
    if started is None:
        return False
    return timezone.now().timestamp() - started > settings.ACCOUNTS_HALF_SESSION_SECONDS


def session_too_old(request):
    started = request.session.get(SIGNED_IN_AT_KEY) or request.session.get(PASSWORD_AT_KEY)
    if started is None:
        return False
    return timezone.now().timestamp() - started > settings.ACCOUNTS_SESSION_MAX_SECONDS


def remember_session(request, user):
    if not request.session.session_key:
        request.session.save()
    StaffSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "started_at": timezone.now(),
            "ip_address": client_ip(request),
            "user_agent": get_client_user_agent(request)[:300],
        },
    )


def open_sessions(user):
    """The user's sessions that still exist in the session store."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    alive = []
    for staff_session in StaffSession.objects.filter(user=user):
        if store().exists(staff_session.session_key):
            alive.append(staff_session)
        else:
            staff_session.delete()
    return alive


def end_other_sessions(request, user):
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for staff_session in StaffSession.objects.filter(user=user).exclude(session_key=request.session.session_key):
        store(session_key=staff_session.session_key).delete()
        staff_session.delete()
        ended += 1
    record(request, AuditEvent.Kind.SESSIONS_ENDED, user, detail=f"{ended} other session(s) ended")
    return ended
