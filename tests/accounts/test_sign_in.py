"""The whole sign-in through the admin: password, then an authenticator code or a recovery code."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import AuditEvent, SecondFactorExemption
from tests.signin import add_authenticator, current_code

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
VERIFY = reverse("accounts:verify")
SETUP = reverse("accounts:setup")


def test_a_new_staff_member_is_taken_to_set_up_and_reaches_nothing_else(password_client):
    for path in ("/admin/", "/admin/sections/section/", "/admin/auth/user/"):
        response = password_client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(SETUP), path


def test_set_up_with_a_code_from_the_new_key_shows_recovery_codes_once_then_opens_the_admin(password_client, newcomer):
    page = password_client.get(SETUP)
    assert page.status_code == 200 and "Set up a second factor" in page.text
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    done = password_client.post(SETUP, {"token": current_code(device), "next": "/admin/"})
    assert done.status_code == 200 and "shown only this once" in done.text
    assert newcomer.staticdevice_set.get().token_set.count() == 10
    assert password_client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.DEVICE_ADDED, user=newcomer).exists()


def test_a_wrong_set_up_code_confirms_nothing(password_client, newcomer):
    password_client.get(SETUP)
    response = password_client.post(SETUP, {"token": "000000"})
    assert response.status_code == 400 and "not right" in response.text
    assert not TOTPDevice.objects.filter(user=newcomer, confirmed=True).exists()


def test_a_password_alone_cannot_add_a_device_to_an_account_that_has_one(password_client, newcomer):
    add_authenticator(newcomer)
    response = password_client.get(SETUP)
    assert response.status_code == 302 and response["Location"] == VERIFY


def test_staff_with_a_device_verify_with_the_current_code(password_client, newcomer):
    device = add_authenticator(newcomer)
    assert password_client.get("/admin/")["Location"].startswith(VERIFY)
    response = password_client.post(VERIFY, {"token": current_code(device), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert password_client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.VERIFIED, user=newcomer).exists()


def test_a_wrong_code_is_a_form_error_and_is_logged(password_client, newcomer):
    add_authenticator(newcomer)
    response = password_client.post(VERIFY, {"token": "123456"})
    assert response.status_code == 400 and "not right" in response.text
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.CODE_FAILURE, user=newcomer).exists()
    assert password_client.get("/admin/").status_code == 302


def test_a_code_used_once_is_refused_within_its_window(newcomer):
    device = add_authenticator(newcomer)
    code = current_code(device)
    first, second = Client(), Client()
    for client in (first, second):
        client.post("/admin/login/", {"username": "newcomer", "password": PASSWORD})
    assert first.post(VERIFY, {"token": code}).status_code == 302
    replay = second.post(VERIFY, {"token": code})
    assert replay.status_code == 400 and "already used" in replay.text


def test_a_recovery_code_works_once(newcomer):
    from accounts.services import new_recovery_codes

    add_authenticator(newcomer)
    code = new_recovery_codes(newcomer)[0]
    first, second = Client(), Client()
    for client in (first, second):
        client.post("/admin/login/", {"username": "newcomer", "password": PASSWORD})
    assert first.post(VERIFY, {"token": code}).status_code == 302
    assert second.post(VERIFY, {"token": code}).status_code == 400


def test_another_users_code_does_not_finish_this_half_signed_in_session(password_client, newcomer, staff_user):
    add_authenticator(newcomer)
    theirs = add_authenticator(staff_user, name="someone else's phone")
    response = password_client.post(VERIFY, {"token": current_code(theirs), "user": staff_user.pk, "device": theirs.pk})
    assert response.status_code == 400
    assert password_client.get("/admin/").status_code == 302


def test_an_expired_half_session_is_sent_back_to_the_login_with_a_reason(newcomer, settings):
    device = add_authenticator(newcomer)
    client = Client()
    client.post("/admin/login/", {"username": "newcomer", "password": PASSWORD})
    later = timezone.now() + timedelta(seconds=settings.ACCOUNTS_HALF_SESSION_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        response = client.post(VERIFY, {"token": current_code(device)}, follow=True)
    assert response.redirect_chain[0][0] == reverse("admin:login")
    assert "Too much time passed" in response.text
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.HALF_SESSION_EXPIRED).exists()


def test_the_second_factor_pages_without_any_sign_in_lead_to_the_login(client):
    for path in (VERIFY, SETUP):
        response = client.post(path, {"token": "123456"}, follow=True)
        assert response.status_code == 200 and "expired or was never started" in response.text


@pytest.mark.parametrize("path", ["/admin/login/", VERIFY, SETUP])
def test_posts_without_a_csrf_token_are_refused(path, newcomer):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if path != "/admin/login/":
        client.force_login(newcomer)
    response = client.post(path, {"username": "newcomer", "password": PASSWORD, "token": "123456"})
    assert response.status_code == 403


def test_guessed_codes_lock_the_account_with_the_time_it_lasts(newcomer, settings):
    add_authenticator(newcomer)
    client = Client()
    client.post("/admin/login/", {"username": "newcomer", "password": PASSWORD})
    statuses = [
        client.post(VERIFY, {"token": f"{guess:06d}"}).status_code for guess in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[-1] == 429 and set(statuses[:-1]) == {400}
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOCKOUT, user=newcomer).exists()
    # Signed out, and the right password no longer opens even the first step.
    again = Client()
    locked = again.post("/admin/login/", {"username": "newcomer", "password": PASSWORD})
    assert locked.status_code == 429 and "1:00:00" in locked.text


def test_enforcement_off_lets_staff_in_with_a_password(password_client, settings):
    settings.ACCOUNTS_REQUIRE_2FA = False
    assert password_client.get("/admin/").status_code == 200


@pytest.mark.parametrize(("offset", "exempt"), [(-1, False), (1, True)])
def test_an_exemption_holds_until_its_expiry_to_the_second(password_client, newcomer, staff_user, offset, exempt):
    now = timezone.now()
    SecondFactorExemption.objects.create(
        user=newcomer, reason="phone lost abroad", expires_at=now + timedelta(seconds=offset), granted_by=staff_user
    )
    with time_machine.travel(now, tick=False):
        response = password_client.get("/admin/")
    assert (response.status_code == 200) is exempt


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=st.text(max_size=60))
def test_any_typed_code_is_answered_without_a_server_error(password_client, newcomer, token):
    if not newcomer.totpdevice_set.exists():
        add_authenticator(newcomer)
    response = password_client.post(VERIFY, {"token": token})
    assert response.status_code in (302, 400, 429)
