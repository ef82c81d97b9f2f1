"""The second-factor pages: set-up, verification, one's own sessions. Admin look, Django templates."""

from axes.helpers import get_cool_off
from django.contrib import admin, messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .forms import CodeForm
from .models import AuditEvent
from .passkeys import NEW_PASSKEY_KEY

SETUP_DEVICE_KEY = "accounts_setup_device"


def _context(request, **extra):
    # Until the second factor is verified the admin's menu would only lead back here: it is left out.
    verified = request.user.is_authenticated and request.user.is_verified()
    return {**admin.site.each_context(request), "is_nav_sidebar_enabled": verified, **extra}


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("admin:index")


def _sign_in_again(request, message, kind=AuditEvent.Kind.HALF_SESSION_EXPIRED):
    user = request.user if request.user.is_authenticated else None
    services.record(request, kind, user)
    logout(request)
    messages.error(request, message)
    return redirect("admin:login")


def _expired_or_missing(request):
    """The page was reached without a live half-finished sign-in: answered with the login page and a reason."""
    if not request.user.is_authenticated:
        messages.error(request, "Your sign-in has expired or was never started. Sign in again.")
        return redirect("admin:login")
    if not request.user.is_verified() and services.half_session_expired(request):
        return _sign_in_again(request, "Too much time passed after your password. Sign in again.")
    return None


def _locked(request, user):
    services.record(request, AuditEvent.Kind.LOCKOUT, user, detail="second factor")
    cooloff = get_cool_off(request)
    logout(request)
    return render(request, "security/lockout.html", _context(request, cooloff_timedelta=cooloff), status=429)


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    if (answer := _expired_or_missing(request)) is not None:
        return answer
    user = request.user
    if services.second_factor_done(request):
        return redirect(_next_url(request))
    if user.is_verified() or not services.has_device(user):
        return redirect(f"{reverse('accounts:setup')}?{urlencode({'next': _next_url(request)})}")
    if services.code_attempts_locked(request, user):
        return _locked(request, user)
    has_passkey = services.has_passkey(user)
    # A passkey group's member with a passkey uses it; one without a passkey yet confirms a code once, only to
    # add a passkey on the set-up page.
    codes_refused = has_passkey and services.passkey_required(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if codes_refused:
            services.code_refused(request, user, detail="code refused: passkey required")
            if services.code_attempts_locked(request, user):
                return _locked(request, user)
            form.add_error("token", services.passkey_required_message(user))
        else:
            # Only the devices of the user whose password this session holds: nothing in the request names a user.
            device = match_token(user, form.cleaned_data["token"])
            if device is not None:
                services.second_factor_passed(request, user, device)
                if not services.second_factor_done(request):
                    return redirect(f"{reverse('accounts:setup')}?{urlencode({'next': _next_url(request)})}")
                return redirect(_next_url(request))
            services.code_refused(request, user)
            if services.code_attempts_locked(request, user):
                return _locked(request, user)
            form.add_error("token", "That code is not right, or was already used. Try the code shown now.")
    status = 400 if form.errors else 200
    return render(
        request,
        "accounts/verify.html",
        _context(
            request,
            form=form,
            next=_next_url(request),
            has_passkey=has_passkey,
            codes_refused=codes_refused,
            passkey_message=services.passkey_required_message(user) if codes_refused else "",
            title="Confirm it is you",
        ),
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def setup(request):
    if (answer := _expired_or_missing(request)) is not None:
        return answer
    user = request.user
    if services.has_device(user) and not user.is_verified():
        # With a device already, a new one is added only after verifying: a password alone adds nothing.
        return redirect("accounts:verify")
    if services.passkey_required(user):
        return _passkeys_only_setup(request, user)
    device = _setup_device(request, user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            request.session.pop(SETUP_DEVICE_KEY, None)
            services.record(request, AuditEvent.Kind.DEVICE_ADDED, user, detail=f"authenticator app: {device.name}")
            services.second_factor_passed(request, user, device)
            return _recovery_codes(request, user, "authenticator app")
        services.code_refused(request, user)
        if services.code_attempts_locked(request, user):
            return _locked(request, user)
        form.add_error("token", "That code is not right. Check the clock of your phone and try the code shown now.")
    return render(
        request,
        "accounts/setup.html",
        _context(
            request,
            form=form,
            key=_grouped(device.bin_key),
            uri=device.config_url,
            next=_next_url(request),
            title="Set up a second factor",
        ),
        status=400 if form.errors else 200,
    )


def _passkeys_only_setup(request, user):
    status = 200
    if request.method == "POST":
        # The authenticator-app form is not offered to this person; a post of it is answered, not obeyed.
        messages.error(request, services.passkey_required_message(user))
        status = 400
    return render(
        request,
        "accounts/setup.html",
        _context(
            request,
            passkeys_only=True,
            passkey_message=services.passkey_required_message(user),
            next=_next_url(request),
            title="Set up a passkey",
        ),
        status=status,
    )


def _recovery_codes(request, user, device_kind):
    codes = services.new_recovery_codes(user)
    return render(
        request,
        "accounts/recovery_codes.html",
        _context(request, codes=codes, device_kind=device_kind, next=_next_url(request), title="Your recovery codes"),
    )


@never_cache
@require_http_methods(["GET"])
def passkey_added(request):
    """Where the set-up page's script goes once the library registered a passkey: recovery codes, once."""
    if (answer := _expired_or_missing(request)) is not None:
        return answer
    user = request.user
    new = request.session.pop(NEW_PASSKEY_KEY, False)
    if not new or not services.second_factor_done(request):
        return redirect(_next_url(request))
    if services.passkey_required(user) or services.has_recovery_codes(user):
        messages.success(request, "Your passkey is added. Next time, sign in with it after your password.")
        return redirect(_next_url(request))
    return _recovery_codes(request, user, "passkey")


def _setup_device(request, user):
    device = TOTPDevice.objects.filter(user=user, confirmed=False, pk=request.session.get(SETUP_DEVICE_KEY)).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
        request.session[SETUP_DEVICE_KEY] = device.pk
    return device


def _grouped(bin_key):
    from base64 import b32encode

    text = b32encode(bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@never_cache
@login_required(login_url="admin:login")
@require_http_methods(["GET", "POST"])
def sessions(request):
    if not request.user.is_staff:
        raise PermissionDenied
    if request.method == "POST":
        ended = services.end_other_sessions(request, request.user)
        messages.success(request, f"Signed out of {ended} other session(s).")
        return redirect("accounts:sessions")
    return render(
        request,
        "accounts/sessions.html",
        _context(
            request,
            sessions=services.open_sessions(request.user),
            current=request.session.session_key,
            title="Your sessions",
        ),
    )
