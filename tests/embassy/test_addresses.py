"""Remembered addresses are the addresses reverse() gives, under every URLconf and script prefix."""

from django.urls import clear_script_prefix, reverse, set_script_prefix

from embassy.addresses import public_address


def test_a_remembered_address_is_the_reversed_address():
    assert public_address("events:detail", slug="aso-obama-summit") == reverse(
        "events:detail", kwargs={"slug": "aso-obama-summit"}
    )
    assert public_address("sections:section", page_slug="overview", slug="security") == "/overview/security/"
    # Positional arguments, as templates pass them (url("events:ics", event.slug)), and none at all.
    assert public_address("events:ics", "summit") == reverse("events:ics", args=["summit"])
    assert public_address("events:list") == "/events/"


def test_the_script_prefix_is_part_of_the_address():
    assert public_address("events:detail", slug="summit") == "/events/summit/"
    set_script_prefix("/embassy/")
    try:
        assert public_address("events:detail", slug="summit") == "/embassy/events/summit/"
    finally:
        clear_script_prefix()
    assert public_address("events:detail", slug="summit") == "/events/summit/"
