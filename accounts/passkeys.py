"""Passkeys (WebAuthn) as a second factor: django-otp-webauthn's views, held to the rules of staff sign-in.

The library's views and browser scripts do the ceremonies. What is added here: a passkey is only ever a
second step after the password (never a sign-in of its own), within the half-finished sign-in's five
minutes; every refused ceremony is an audit event and, for a known user, a refused login for django-axes;
every refusal is answered in JSON with a sentence the library's script shows, never a 500.
"""

import json

from django.contrib.auth import logout
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django_otp_webauthn import exceptions, views
from webauthn.helpers import exceptions as webauthn_exceptions

from . import services
from .models import AuditEvent

NEW_PASSKEY_KEY = "accounts_new_passkey"


class SignInExpired(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_detail = "Your sign-in has expired or was never started. Sign in again."
    default_code = "sign_in_expired"


class Locked(exceptions.OTPWebAuthnApiError):
    status_code = 429
    default_detail = "Too many refused attempts: this account is locked for a while. Sign in again later."
    default_code = "locked"


class NoCsrfToken(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_detail = "The page's security token was missing or wrong. Reload the page and try again."
    default_code = "csrf"


class Malformed(exceptions.OTPWebAuthnApiError):
    status_code = 400
    default_detail = "The browser's answer could not be read. Try again, or use another passkey."
    default_code = "malformed"


# The library's own wording where it speaks to developers rather than to the person at the browser.
CLEARER = {
    "invalid_state": "This passkey request was already used or never started. Press the passkey button again.",
    "malformed_request": "The browser's answer could not be read. Try again, or use another passkey.",
}

# What a forged body raises beyond the library's own error classes (a body that is not UTF-8 fails before its
# JSON check; py_webauthn's errors it does not translate): refused as unreadable, never a server error.
UNREADABLE = (ValueError, webauthn_exceptions.WebAuthnException)


class StaffCeremony:
    """Shared by the four ceremony views."""

    # Whether a refusal counts as a failed second factor (the "complete" steps, where a credential is judged).
    counts_failures = False

    @method_decorator(csrf_exempt)
    def dispatch(self, request, *args, **kwargs):
        # CSRF is checked here rather than by the middleware, before the body is read, so that a post without
        # the token is answered in JSON and recorded like any other refusal. Still Django's own check.
        self.request = request
        if CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {}) is not None:
            return self.handle_exception(NoCsrfToken())
        return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        user = self.get_user()
        if user is None or (not user.is_verified() and services.half_session_expired(request)):
            raise SignInExpired()
        if services.code_attempts_locked(request, user):
            raise Locked()
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        if isinstance(exc, UNREADABLE):
            exc = Malformed()
        if isinstance(exc, exceptions.OTPWebAuthnApiError):
            self.refused(exc)
            if isinstance(exc, exceptions.UnprocessableEntity):
                exc.detail = f"The passkey's answer could not be verified ({self.ceremony}). Try again, or use another."
            exc.detail = CLEARER.get(exc.code, exc.detail)
        return super().handle_exception(exc)

    def refused(self, exc):
        request = self.request
        user = request.user if request.user.is_authenticated else None
        detail = f"passkey {self.ceremony}: {exc.code}"
        if isinstance(exc, Locked):
            services.record(request, AuditEvent.Kind.LOCKOUT, user, detail="second factor")
            logout(request)
        elif user is not None and (self.counts_failures or isinstance(exc, NoCsrfToken)):
            services.code_refused(request, user, detail=detail)
            if services.code_attempts_locked(request, user):
                services.record(request, AuditEvent.Kind.LOCKOUT, user, detail="second factor")
                logout(request)
        elif user is not None:
            services.record(request, AuditEvent.Kind.CODE_FAILURE, user, detail=detail)
        # A request from nobody signed in names no account: refused, and not written down, so that anonymous
        # requests cannot fill the audit log.


class BeginRegistration(StaffCeremony, views.BeginCredentialRegistrationView):
    ceremony = "registration"

    def user_is_mfa_enrolled(self, user):
        # As for the authenticator app: a password alone adds a first device, never one beside another.
        # Recovery codes alone (left after a reset) do not count as a device.
        return services.has_device(user)


class CompleteRegistration(StaffCeremony, views.CompleteCredentialRegistrationView):
    ceremony = "registration"
    counts_failures = True

    def user_is_mfa_enrolled(self, user):
        return services.has_device(user)

    def post(self, *args, **kwargs):
        request, user = self.request, self.request.user
        done_before = services.second_factor_done(request)
        response = super().post(*args, **kwargs)
        device = user.webauthncredential_set.get(pk=json.loads(response.content)["id"])
        services.record(request, AuditEvent.Kind.DEVICE_ADDED, user, detail=f"passkey: {device.name}")
        if not done_before:
            # Making the passkey proved its possession: the session is verified with it, which is also what
            # finishes the sign-in of a passkey group's member who confirmed a code only to get here.
            services.second_factor_passed(request, user, device)
        request.session[NEW_PASSKEY_KEY] = True
        return response


class BeginAuthentication(StaffCeremony, views.BeginCredentialAuthenticationView):
    ceremony = "verification"


class CompleteAuthentication(StaffCeremony, views.CompleteCredentialAuthenticationView):
    ceremony = "verification"
    counts_failures = True

    def complete_auth(self, device):
        services.second_factor_passed(self.request, self.request.user, device)
