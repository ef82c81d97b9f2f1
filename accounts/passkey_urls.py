"""The passkey ceremonies, under the library's own URL names (its template tags reverse them)."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog

from . import passkeys

app_name = "otp_webauthn"
urlpatterns = [
    path("registration/begin/", passkeys.BeginRegistration.as_view(), name="credential-registration-begin"),
    path("registration/complete/", passkeys.CompleteRegistration.as_view(), name="credential-registration-complete"),
    path("authentication/begin/", passkeys.BeginAuthentication.as_view(), name="credential-authentication-begin"),
    path(
        "authentication/complete/",
        passkeys.CompleteAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
    # The messages of the library's scripts, as a script file: the pages' policy allows no inline script.
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
]
