"""Headers, templates without inline code, and staff sessions, checked in-process (no nginx needed)."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from sections.models import Section
from tests.signin import verify_second_factor

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def public_paths():
    page = Section.objects.pages().public().first()
    event = Event.objects.public().first()
    return ["/", page.get_absolute_url(), "/events/", event.get_absolute_url(), "/no-such-page/"]


def test_public_pages_have_no_inline_script_style_or_handlers(client, demo_site):
    for path in public_paths():
        soup = BeautifulSoup(client.get(path).content.decode(), "html5lib")
        # JSON-LD is a data block: browsers never run it, so script-src does not apply to it.
        scripts = [s for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"]
        assert scripts == [], path
        assert soup.find_all("style") == [], path
        for element in soup.find_all(True):
            assert "style" not in element.attrs, f"{path}: inline style on <{element.name}>"
            assert not [a for a in element.attrs if a.startswith("on")], f"{path}: handler on <{element.name}>"
            for attribute in ("href", "src", "action"):
                assert not element.get(attribute, "").strip().lower().startswith("javascript:"), path


def test_templates_hold_no_inline_script_or_style():
    """The public policy forbids them; a template that used one would break in the browser.

    E-mail bodies (``email/`` folders) are no page of the site: mail programs read only inline styles, and no
    policy of the site's applies to them. Their scripts and handlers are still refused.
    """
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        email = "email" in template.parts
        inline = r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/ld\+json\")[^>]*>"
        assert not re.search(inline, text), f"inline <script> in {template}"
        assert email or not re.search(r"<style[\s>]", text), f"<style> in {template}"
        assert email or not re.search(r"\sstyle=", text), f"style attribute in {template}"
        assert not re.search(r"\son[a-z]+=", text), f"event handler attribute in {template}"


def test_every_response_carries_the_security_headers(client, staff_client, demo_site):
    responses = [client.get(path) for path in public_paths()]
    responses += [client.get("/admin/login/"), staff_client.get("/admin/"), client.post("/markdownx/upload/")]
    for response in responses:
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "geolocation=()" in response["Permissions-Policy"]


def test_the_admin_policy_can_widen_for_the_admin_only(client, settings, demo_site):
    settings.ADMIN_CONTENT_SECURITY_POLICY_UPDATE = {"img-src": ["data:"]}
    assert "img-src 'self' data:" in client.get("/admin/login/")["Content-Security-Policy"]
    assert "img-src 'self';" in client.get("/")["Content-Security-Policy"] + ";"


def test_anonymous_visitors_get_no_session_and_no_cookie(client, demo_site):
    for path in public_paths():
        response = client.get(path)
        assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
    assert not Session.objects.exists()


def test_staff_sessions_expire_after_two_hours_without_a_request(client, staff_user, settings):
    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    response = client.post(
        reverse("admin:login"), {"username": "editor", "password": "a-long-test-password", "next": "/admin/"}
    )
    assert response.status_code == 302
    verify_second_factor(client, staff_user)
    session = Session.objects.get()
    assert abs(session.expire_date - (timezone.now() + timedelta(hours=2))) < timedelta(minutes=1)

    # Each request starts the two hours again …
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=5))
    assert client.get("/admin/").status_code == 200
    assert Session.objects.get().expire_date > timezone.now() + timedelta(hours=1, minutes=59)

    # … and after two idle hours the session is over.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_password_validators_refuse_weak_passwords(staff_client, staff_user):
    response = staff_client.post(
        reverse("admin:auth_user_password_change", args=[staff_user.pk]),
        {"password1": "1234567", "password2": "1234567"},
    )
    text = response.content.decode()
    assert response.status_code == 200 and "This password is too common" in text
    assert "This password is too short" in text and "This password is entirely numeric" in text
    staff_user.refresh_from_db()
    assert staff_user.check_password("a-long-test-password")
