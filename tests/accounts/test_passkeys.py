"""Passkeys as the second factor, through the ceremony endpoints the library's script posts to, with a passkey
in Python (tests/passkeys.py); the whole thing in Chromium is tests/browser/test_passkeys.py."""

import json
import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import AuditEvent, PasskeyRequirement
from tests.passkeys import ORIGIN, SoftPasskey, post_json, register, verify_with
from tests.signin import add_authenticator, current_code

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
VERIFY = reverse("accounts:verify")
SETUP = reverse("accounts:setup")


@pytest.fixture(autouse=True)
def passkey_origin(settings):
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [ORIGIN]


@pytest.fixture
def passkey(newcomer):
    key = SoftPasskey()
    key.saved_for(newcomer)
    return key


@pytest.fixture
def press_group(newcomer, staff_user):
    group = Group.objects.create(name="Press office")
    PasskeyRequirement.objects.create(group=group, reason="speaks for the embassy", required_by=staff_user)
    newcomer.groups.add(group)
    return group


def refusals(user):
    return AuditEvent.objects.filter(kind=AuditEvent.Kind.CODE_FAILURE, user=user)


def counted_failures(user):
    attempt = AccessAttempt.objects.filter(username=user.get_username()).first()
    return attempt.failures_since_start if attempt else 0


def test_the_set_up_page_offers_a_passkey_and_the_authenticator_app(password_client):
    page = password_client.get(SETUP)
    assert page.status_code == 200
    assert 'id="passkey-register-button"' in page.text and 'id="totp-key"' in page.text
    # The library's script and its messages are files from this site: the policy allows no inline script.
    assert 'src="/static/django_otp_webauthn/otp_webauthn_register.js"' in page.text
    assert 'src="/admin/account/passkeys/jsi18n/"' in page.text
    assert "script-src 'self'" in page["Content-Security-Policy"]


def test_a_staff_member_adds_a_passkey_sees_recovery_codes_and_reaches_the_admin(password_client, newcomer):
    response = register(password_client, SoftPasskey())
    assert response.status_code == 200, response.content
    assert newcomer.webauthncredential_set.filter(confirmed=True).count() == 1
    codes = password_client.get(reverse("accounts:passkey_added") + "?next=/admin/")
    assert codes.status_code == 200 and "shown only this once" in codes.text
    assert password_client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.DEVICE_ADDED, user=newcomer, detail__startswith="passkey")


def test_the_verify_page_offers_the_passkey_to_those_who_have_one(password_client, passkey):
    page = password_client.get(VERIFY)
    assert 'id="passkey-verification-button"' in page.text and 'name="token"' in page.text


def test_a_passkey_finishes_the_sign_in(password_client, newcomer, passkey):
    assert password_client.get("/admin/")["Location"].startswith(VERIFY)
    response = verify_with(password_client, passkey)
    assert response.status_code == 200 and response.json()["redirect_url"] == "/admin/"
    assert password_client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.VERIFIED, user=newcomer, detail__contains="WebAuthn")


def test_a_password_alone_cannot_add_a_passkey_beside_an_existing_device(password_client, newcomer):
    add_authenticator(newcomer)
    response = post_json(password_client, "credential-registration-begin")
    assert response.status_code == 403 and "verify your identity first" in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [b"\x8f\x02\xffrandom bytes", json.dumps({"id": "AAAA", "rawId": "AAAA", "type": "public-key"}).encode()],
    ids=["bytes", "json"],
)
def test_a_forged_assertion_is_refused_recorded_and_counted(password_client, newcomer, passkey, body):
    post_json(password_client, "credential-authentication-begin")
    response = post_json(password_client, "credential-authentication-complete", body)
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]
    assert refusals(newcomer).filter(detail__startswith="passkey verification").count() == 1
    assert counted_failures(newcomer) == 1
    assert password_client.get("/admin/").status_code == 302


def test_an_assertion_signed_by_another_key_is_refused(password_client, newcomer, passkey):
    impostor = SoftPasskey()
    impostor.credential_id = passkey.credential_id  # the right credential's id, but not its key
    response = verify_with(password_client, impostor)
    assert response.status_code == 422 and "could not be verified" in response.json()["detail"]
    assert refusals(newcomer).exists() and counted_failures(newcomer) == 1


def test_a_replayed_assertion_is_refused(newcomer, passkey):
    first, second = Client(), Client()
    for client in (first, second):
        client.post("/admin/login/", {"username": "newcomer", "password": PASSWORD})
    options = post_json(first, "credential-authentication-begin").json()
    captured = passkey.assertion(options)
    assert post_json(first, "credential-authentication-complete", captured).status_code == 200
    # The same answer again, in the same session (its challenge is spent) and in another one (another challenge).
    again = post_json(first, "credential-authentication-complete", captured)
    assert again.status_code == 400 and "already used" in again.json()["detail"]
    post_json(second, "credential-authentication-begin")
    elsewhere = post_json(second, "credential-authentication-complete", captured)
    assert elsewhere.status_code == 422
    assert second.get("/admin/").status_code == 302
    assert refusals(newcomer).count() == 2


def test_another_users_passkey_does_not_finish_this_half_signed_in_session(password_client, newcomer, staff_user):
    SoftPasskey().saved_for(newcomer)
    theirs = SoftPasskey()
    theirs.saved_for(staff_user, name="someone else's passkey")
    response = verify_with(password_client, theirs)
    assert response.status_code == 403 and "does not belong" in response.json()["detail"]
    assert password_client.get("/admin/").status_code == 302
    assert refusals(newcomer).count() == 1 and not refusals(staff_user).exists()


@pytest.mark.parametrize(
    "name",
    [
        "credential-authentication-begin",
        "credential-authentication-complete",
        "credential-registration-begin",
        "credential-registration-complete",
    ],
)
def test_passkey_posts_without_a_csrf_token_are_refused_and_recorded(newcomer, name):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(newcomer)
    response = post_json(client, name, {"id": "AAAA"})
    assert response.status_code == 403 and "security token" in response.json()["detail"]
    assert refusals(newcomer).filter(detail__endswith="csrf").count() == 1


@pytest.mark.parametrize("name", ["credential-authentication-begin", "credential-authentication-complete"])
def test_passkey_ceremonies_need_the_password_first(client, passkey, name):
    response = post_json(client, name, {"id": "AAAA"})
    assert response.status_code == 403 and "Sign in again" in response.json()["detail"]
    assert client.get("/admin/").status_code == 302


def test_guessed_assertions_lock_the_account(password_client, newcomer, passkey, settings):
    statuses = []
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_json(password_client, "credential-authentication-begin")
        statuses.append(post_json(password_client, "credential-authentication-complete", b"{}").status_code)
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOCKOUT, user=newcomer).exists()
    assert statuses[-1] == 429 and set(statuses[:-1]) == {422}
    # Signed out: even the right passkey now finds no sign-in to finish.
    assert post_json(password_client, "credential-authentication-begin").status_code == 403
    locked = Client().post("/admin/login/", {"username": "newcomer", "password": PASSWORD})
    assert locked.status_code == 429


ANSWER_FIELDS = ["id", "rawId", "type", "response", "clientDataJSON", "authenticatorData", "signature"]
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(ANSWER_FIELDS), inner),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=200) | ANY_JSON.map(lambda value: json.dumps(value).encode()))
def test_any_posted_answer_is_refused_without_a_server_error(newcomer, passkey, body):
    client = Client(raise_request_exception=False)
    client.post("/admin/login/", {"username": "newcomer", "password": PASSWORD})
    post_json(client, "credential-authentication-begin")
    response = post_json(client, "credential-authentication-complete", body)
    assert 400 <= response.status_code < 500 and response.json()["detail"]
    AccessAttempt.objects.all().delete()  # the next example starts unlocked


# A group whose members must use passkeys.


def test_a_passkey_group_member_with_a_passkey_has_codes_refused_with_a_reason(
    password_client, newcomer, passkey, press_group
):
    device = add_authenticator(newcomer)
    page = password_client.get(VERIFY)
    assert 'id="passkey-verification-button"' in page.text and 'name="token"' not in page.text
    response = password_client.post(VERIFY, {"token": current_code(device)})
    assert response.status_code == 400
    assert "Members of Press office sign in with a passkey" in response.text
    assert password_client.get("/admin/").status_code == 302
    assert refusals(newcomer).filter(detail__contains="passkey required").exists()
    assert counted_failures(newcomer) == 1
    # The passkey itself opens the admin.
    assert verify_with(password_client, passkey).status_code == 200
    assert password_client.get("/admin/").status_code == 200


def test_a_passkey_group_member_also_has_recovery_codes_refused(password_client, newcomer, passkey, press_group):
    from accounts.services import new_recovery_codes

    code = new_recovery_codes(newcomer)[0]
    response = password_client.post(VERIFY, {"token": code})
    assert response.status_code == 400 and "recovery codes are not accepted" in response.text
    assert newcomer.staticdevice_set.get().token_set.filter(token=code).exists()  # not spent either


def test_set_up_offers_a_passkey_group_member_passkeys_only(password_client, newcomer, press_group):
    page = password_client.get(SETUP)
    assert page.status_code == 200 and "Set up a passkey" in page.text
    assert 'id="passkey-register-button"' in page.text and 'id="totp-key"' not in page.text
    assert not newcomer.totpdevice_set.exists()
    assert password_client.post(SETUP, {"token": "123456"}).status_code == 400


def test_a_member_placed_in_a_passkey_group_with_only_an_app_confirms_a_code_to_add_a_passkey(
    password_client, newcomer, press_group
):
    device = add_authenticator(newcomer)
    verified = password_client.post(VERIFY, {"token": current_code(device), "next": "/admin/"})
    assert verified.status_code == 302 and verified["Location"].startswith(SETUP)
    # The code opened the set-up page only, not the admin.
    assert password_client.get("/admin/")["Location"].startswith(SETUP)
    assert register(password_client, SoftPasskey()).status_code == 200
    assert password_client.get("/admin/").status_code == 200
    # No recovery codes for a group that refuses them.
    done = password_client.get(reverse("accounts:passkey_added") + "?next=/admin/")
    assert done.status_code == 302 and done["Location"] == "/admin/"


def test_requiring_passkeys_for_a_group_is_recorded_in_the_admin_log_and_the_audit(staff_client, staff_user):
    group = Group.objects.create(name="Ambassador's office")
    response = staff_client.post(
        "/admin/accounts/passkeyrequirement/add/", {"group": group.pk, "reason": "targeted by phishing"}
    )
    assert response.status_code == 302
    requirement = PasskeyRequirement.objects.get(group=group)
    assert requirement.required_by == staff_user
    assert LogEntry.objects.filter(object_repr=str(requirement)).exists()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.PASSKEYS_REQUIRED)
    assert "Ambassador's office" in event.detail and "targeted by phishing" in event.detail


def test_only_superusers_reach_the_passkey_requirements(editor_client):
    assert editor_client.get("/admin/accounts/passkeyrequirement/").status_code == 403


def test_resetting_a_lost_passkey_in_the_admin_is_recorded(staff_client, newcomer):
    device = SoftPasskey().saved_for(newcomer, name="office laptop")
    listing = staff_client.get("/admin/django_otp_webauthn/webauthncredential/?q=newcomer")
    assert listing.status_code == 200 and "office laptop" in listing.text
    assert staff_client.get(f"/admin/django_otp_webauthn/webauthncredential/{device.pk}/change/").status_code == 200
    response = staff_client.post(f"/admin/django_otp_webauthn/webauthncredential/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.DEVICE_REMOVED, user=newcomer)
    assert event.detail == "passkey: office laptop"
    assert LogEntry.objects.filter(object_id=str(device.pk)).exists()


def _passkey_settings(**env):
    """The passkey settings embassy/settings.py derives from this environment, read in a fresh process."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(DJANGO_SETTINGS_MODULE="embassy.settings", **env)
    script = "from django.conf import settings as s; print(s.OTP_WEBAUTHN_RP_ID, *s.OTP_WEBAUTHN_ALLOWED_ORIGINS)"
    result = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True, cwd=os.getcwd()
    )
    return result.stdout.split()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ["localhost", "https://localhost", "http://localhost:8000"]),
        (
            {"DJANGO_ALLOWED_HOSTS": "10.0.0.5,.embassy.example,cdn.other.example"},
            ["embassy.example", "https://embassy.example"],
        ),
        (
            {
                "DJANGO_ALLOWED_HOSTS": "www.embassy.example,admin.embassy.example",
                "DJANGO_WEBAUTHN_RP_ID": "embassy.example",
            },
            ["embassy.example", "https://www.embassy.example", "https://admin.embassy.example"],
        ),
    ],
    ids=["development", "first-host-name", "rp-id-from-env"],
)
def test_the_relying_party_and_origins_follow_the_allowed_hosts(env, expected):
    assert _passkey_settings(**env) == expected
