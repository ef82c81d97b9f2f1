from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from . import services


def suspended_message():
    return (
        f"This account is suspended because it was not used for {settings.ACCOUNTS_DORMANT_DAYS} days. "
        f"To restore access, ask {settings.ACCOUNTS_ACCESS_CONTACT}."
    )


class StaffAuthenticationForm(AdminAuthenticationForm):
    """The admin's login, deciding dormancy at sign-in: an account unused for too long is suspended there."""

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            user = self._suspended_user_with_right_password()
            if user is not None:
                raise ValidationError(suspended_message(), code="suspended") from None
            raise

    def confirm_login_allowed(self, user):
        if user.is_staff and services.is_dormant(user):
            services.suspend(user, self.request)
            raise ValidationError(suspended_message(), code="suspended")
        super().confirm_login_allowed(user)

    def _suspended_user_with_right_password(self):
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if not username or not password:
            return None
        user = get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: username}).first()
        if user is not None and not user.is_active and user.check_password(password):
            return user
        return None


class CodeForm(forms.Form):
    token = forms.CharField(
        label="Code",
        max_length=32,
        help_text="The six digits your authenticator app shows now, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isalnum():
            raise ValidationError("A code is made of letters and digits only.")
        return token
