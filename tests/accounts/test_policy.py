"""Account policy: dormant suspension, session lifetime, one's own sessions, passwords, the audit view."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.models import AuditEvent, StaffSession
from tests.signin import sign_in_with_second_factor

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


@pytest.mark.parametrize(("offset", "suspended"), [(-1, False), (1, True)])
def test_an_account_unused_for_45_days_is_suspended_at_sign_in_to_the_second(newcomer, offset, suspended):
    last = timezone.now() - timedelta(days=60)
    newcomer.last_login = last
    newcomer.save()
    with time_machine.travel(last + 45 * DAY + timedelta(seconds=offset), tick=False):
        response = Client().post("/admin/login/", {"username": "newcomer", "password": PASSWORD})
    newcomer.refresh_from_db()
    assert newcomer.is_active is not suspended
    assert (response.status_code == 302) is not suspended
    if suspended:
        assert "not used for 45 days" in response.text and "To restore access, ask" in response.text
        assert AuditEvent.objects.filter(kind=AuditEvent.Kind.SUSPENSION, user=newcomer).exists()


def test_a_suspended_person_sees_why_with_the_right_password_only(newcomer):
    newcomer.is_active = False
    newcomer.save()
    right = Client().post("/admin/login/", {"username": "newcomer", "password": PASSWORD})
    wrong = Client().post("/admin/login/", {"username": "newcomer", "password": "not the password at all"})
    assert "suspended" in right.text
    assert "suspended" not in wrong.text


def test_the_dormant_accounts_command_reports_and_can_suspend(newcomer, staff_user):
    newcomer.last_login = timezone.now() - 46 * DAY
    newcomer.save()
    out = StringIO()
    call_command("dormant_accounts", stdout=out)
    assert "newcomer" in out.getvalue() and "editor" not in out.getvalue()
    newcomer.refresh_from_db()
    assert newcomer.is_active
    call_command("dormant_accounts", "--suspend", stdout=StringIO())
    newcomer.refresh_from_db()
    assert not newcomer.is_active


def test_a_session_ends_at_its_absolute_lifetime_however_active(staff_client, settings):
    assert staff_client.get("/admin/").status_code == 200
    later = timezone.now() + timedelta(seconds=settings.ACCOUNTS_SESSION_MAX_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        response = staff_client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_sign_out_everywhere_ends_ones_other_sessions_only(staff_user):
    here, elsewhere = Client(), Client()
    sign_in_with_second_factor(here, staff_user)
    sign_in_with_second_factor(elsewhere, staff_user)
    assert 'href="/admin/account/sessions/"' in here.get("/admin/").text
    listing = here.get("/admin/account/sessions/")
    assert listing.status_code == 200 and listing.text.count("<tr><td>") == 2
    here.post("/admin/account/sessions/")
    assert here.get("/admin/").status_code == 200
    assert elsewhere.get("/admin/").status_code == 302
    assert StaffSession.objects.filter(user=staff_user).count() == 1


def test_changing_the_password_signs_out_other_sessions(staff_user):
    here, elsewhere = Client(), Client()
    sign_in_with_second_factor(here, staff_user)
    sign_in_with_second_factor(elsewhere, staff_user)
    new = "quiet lantern orchard 7741 harbour"
    response = here.post(
        "/admin/password_change/",
        {"old_password": "a-long-test-password", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert here.get("/admin/").status_code == 200
    assert elsewhere.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "password",
    ["short-pw-1!", "password1234", "newcomer@example.org", "newcomer2026!", "123456789012345", "qwertyuiop12"],
)
def test_weak_passwords_are_refused(password, newcomer):
    with pytest.raises(ValidationError):
        validate_password(password, newcomer)


def test_a_long_unguessable_password_is_accepted(newcomer):
    validate_password("quiet lantern orchard 7741 harbour", newcomer)


def test_the_audit_view_lists_sign_ins_with_their_address_for_superusers_only(staff_client, editor_client):
    response = staff_client.get("/admin/accounts/auditevent/")
    assert response.status_code == 200
    assert "Second factor verified" in response.text and "127.0.0.1" in response.text
    assert editor_client.get("/admin/accounts/auditevent/").status_code == 403


def test_the_audit_address_is_the_one_nginx_passes_on_not_a_forged_header(newcomer, settings):
    client = Client()
    client.post(
        "/admin/login/",
        {"username": "newcomer", "password": PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.9"},
        REMOTE_ADDR="10.0.0.5",
    )
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.SIGN_IN)
    # Development settings: no proxy, so the header is not consulted at all.
    assert event.ip_address == "10.0.0.5"


def test_an_exemption_granted_in_the_admin_is_recorded_with_who_and_why(staff_client, newcomer):
    response = staff_client.post(
        "/admin/accounts/secondfactorexemption/add/",
        {"user": newcomer.pk, "reason": "new phone arriving", "expires_at_0": "2099-01-01", "expires_at_1": "10:00"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.EXEMPTION)
    assert event.user == newcomer and "new phone arriving" in event.detail and "editor" in event.detail
    from django.contrib.admin.models import LogEntry

    assert LogEntry.objects.filter(object_repr__startswith="newcomer").exists()


def test_resetting_a_lost_device_in_the_admin_is_recorded(staff_client, newcomer):
    from tests.signin import add_authenticator

    device = add_authenticator(newcomer)
    response = staff_client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.DEVICE_REMOVED, user=newcomer).exists()
