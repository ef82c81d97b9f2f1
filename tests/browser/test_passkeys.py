"""Passkeys in a real Chromium: its virtual authenticator (DevTools' WebAuthn domain) stands in for a phone or
a security key, and the library's own scripts run under the site's real Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import AuditEvent
from tests.browser.conftest import STAFF_PASSWORD, STAFF_USERNAME, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A platform authenticator that keeps its credentials and checks the person (as Touch ID or Windows Hello do).
AUTHENTICATOR = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
}


@pytest.fixture
def authenticator(context, page):
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator_id = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})["authenticatorId"]
    return lambda: cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]


@pytest.fixture
def passkey_site(live_server, settings):
    # WebAuthn needs a secure context: http://localhost counts as one, a bare address does not.
    assert live_server.url.startswith("http://localhost:"), live_server.url
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    return live_server.url


def enter_password(page, site):
    page.goto(f"{site}/admin/login/")
    page.get_by_label("Username").fill(STAFF_USERNAME)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_new_staff_member_adds_a_passkey_then_signs_in_with_it(page, passkey_site, staff, authenticator):
    site = passkey_site
    page.add_init_script(
        "window.refused = [];"
        "document.addEventListener('securitypolicyviolation',"
        " event => window.refused.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline')));"
    )

    # The password, then the set-up page, which offers a passkey beside the authenticator app.
    enter_password(page, site)
    page.wait_for_url(re.compile(r"/admin/account/setup/"))
    expect(page.locator("#totp-key")).to_be_visible()
    # The button is drawn by the library's script: seeing it means the script ran under the site's policy.
    add = page.get_by_role("button", name="Add a passkey")
    expect(add).to_be_visible()
    assert page.evaluate("window.refused") == []
    assert_accessible(page, "set-up page")
    add.click()
    expect(page.get_by_text("shown only this once")).to_be_visible()
    page.get_by_role("link", name="I have kept them: continue").click()
    page.wait_for_url(f"{site}/admin/")
    assert len(authenticator()) == 1
    assert staff.webauthncredential_set.filter(confirmed=True).count() == 1
    added = AuditEvent.objects.get(kind=AuditEvent.Kind.DEVICE_ADDED, user=staff)
    assert added.detail.startswith("passkey")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("Logged out")).to_be_visible()

    # Next time: the password, then the passkey instead of a code.
    enter_password(page, site)
    page.wait_for_url(re.compile(r"/admin/account/verify/"))
    use = page.get_by_role("button", name="Use a passkey")
    expect(use).to_be_visible()
    assert page.evaluate("window.refused") == []
    assert_accessible(page, "verify page with a passkey")
    use.click()
    page.wait_for_url(f"{site}/admin/")
    expect(page.get_by_role("heading", name="Edit the site", level=1)).to_be_visible()
    verified = AuditEvent.objects.filter(kind=AuditEvent.Kind.VERIFIED, user=staff).first()
    assert verified.detail.startswith("WebAuthnCredential")
    assert authenticator()[0]["signCount"] >= 1
