"""Admin login throttling (django-axes) behind nginx: by username and by address, immune to forged headers.

Each visitor connects from its own loopback address (127.0.0.0/8), as distinct machines would.
"""

import pytest

from .stack import STAFF_PASSWORD, STAFF_USERNAME, manage

pytestmark = pytest.mark.deployment

FAILURE_LIMIT = 5  # AXES_FAILURE_LIMIT's default
LOCKED_MESSAGE = "Sign-in temporarily locked"


def test_an_address_is_locked_out_and_a_forged_forwarded_for_neither_escapes_nor_shifts_the_lock(production_stack):
    attacker = production_stack.client(source="127.0.0.10")
    staff = production_stack.client(source="127.0.0.11")
    for attempt in range(FAILURE_LIMIT):
        # A new made-up address in every attempt, and the staff member's own address in the mix.
        forged = "127.0.0.11" if attempt % 2 else f"198.51.100.{attempt}"
        response = attacker.login(
            username=f"guess-{attempt}", password="wrong", headers={"X-Forwarded-For": forged, "X-Real-IP": forged}
        )
        assert response.status in (200, 429)

    # The attacker's address is locked, even with the right password and yet another forged header.
    locked = attacker.login(headers={"X-Forwarded-For": "203.0.113.77"})
    assert locked.status == 429
    assert LOCKED_MESSAGE in locked.text and "1:00:00" in locked.text
    assert "sessionid" not in attacker.cookies

    # The address the attacker tried to frame signs in as usual, even through an office proxy that adds
    # an X-Forwarded-For header of its own.
    assert staff.login(headers={"X-Forwarded-For": "10.1.2.3"}).status == 302
    assert staff.get(production_stack.admin_url).status == 200


def test_a_username_is_locked_out_whatever_address_the_attempts_come_from(production_stack):
    manage(
        {**production_stack.env, "DJANGO_SUPERUSER_PASSWORD": STAFF_PASSWORD},
        "createsuperuser",
        "--noinput",
        "--username=clerk",
        "--email=clerk@example.org",
    )
    for attempt in range(FAILURE_LIMIT):
        client = production_stack.client(source=f"127.0.0.{20 + attempt}")
        assert client.login(username="clerk", password="wrong").status in (200, 429)

    # From a fresh address, even the right password is refused while the lock lasts…
    fresh = production_stack.client(source="127.0.0.30")
    locked = fresh.login(username="clerk", password=STAFF_PASSWORD)
    assert locked.status == 429 and LOCKED_MESSAGE in locked.text
    # …while other staff at that same address are not affected.
    assert fresh.login(username=STAFF_USERNAME, password=STAFF_PASSWORD).status == 302


def test_failed_logins_below_the_limit_show_the_ordinary_form_error(production_stack):
    client = production_stack.client(source="127.0.0.40")
    response = client.login(username=STAFF_USERNAME, password="wrong")
    assert response.status == 200
    assert "Please enter the correct username and password" in response.text
