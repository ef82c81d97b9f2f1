from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import services


class SecondFactorMiddleware:
    """A staff member who has given only a password reaches nothing but the second-factor pages.

    After django_otp.middleware.OTPMiddleware, which tells whether the session's second factor was verified.
    Also ends sessions older than ACCOUNTS_SESSION_MAX_SECONDS, whatever their activity.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        if services.session_too_old(request):
            logout(request)
            messages.info(request, "Your session reached its longest lifetime. Sign in again.")
            return redirect("admin:login")
        if (
            services.needs_second_factor(user)
            and not services.second_factor_done(request)
            and not self._allowed(request)
        ):
            # Verified with a code yet still not done: a passkey group's member, who must add a passkey first.
            target = "accounts:verify" if services.has_device(user) and not user.is_verified() else "accounts:setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _allowed(request):
        from django.conf import settings

        path = request.path_info
        accounts_root = reverse("accounts:verify").rsplit("verify/", 1)[0]
        return path.startswith(accounts_root) or path == reverse("admin:logout") or path.startswith(settings.STATIC_URL)
