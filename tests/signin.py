"""Staff sign-in for tests: the password step, then a real authenticator code through the verify page.

Enforcement stays on in every test (tests/conftest.py); nothing is signed in with the protection switched off.
"""

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def current_code(device, offset=0):
    """The six digits an authenticator app would show for this device now (offset in 30-second steps)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def add_authenticator(user, name="test authenticator"):
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)


def sign_in_with_second_factor(client, user):
    """force_login for the password, then the code posted to the second-factor page, as a person would.

    Each sign-in gets a device of its own: a code is accepted once, and one test may sign the same person in
    several times within 30 seconds.
    """
    client.force_login(user)
    return verify_second_factor(client, user)


def verify_second_factor(client, user):
    """The second step for a session that has passed the password: a code from a new device of ``user``'s."""
    device = add_authenticator(user)
    page = client.get(reverse("accounts:verify"))
    assert page.status_code == 200, f"the second-factor page answered {page.status_code}"
    csrf = client.cookies["csrftoken"].value
    response = client.post(reverse("accounts:verify"), {"token": current_code(device), "csrfmiddlewaretoken": csrf})
    assert response.status_code == 302, f"the second factor was refused ({response.status_code})"
    return client
