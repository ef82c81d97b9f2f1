"""Addresses reversed once are the addresses reverse() gives, in each language and under any script prefix."""

import pytest
from django.urls import reverse, set_script_prefix
from django.utils import translation

from sitewide.addresses import fixed_address, slug_address


@pytest.mark.parametrize("language", ["en", "ja"])
def test_remembered_addresses_are_reverses_in_each_language(language):
    with translation.override(language):
        assert fixed_address("search:results") == reverse("search:results")
        assert slug_address("events:detail")("aso-obama-summit") == reverse(
            "events:detail", kwargs={"slug": "aso-obama-summit"}
        )
        assert slug_address("sections:page")("overview") == reverse("sections:page", kwargs={"slug": "overview"})
    assert fixed_address("search:results") == "/search/"


def test_a_script_prefix_is_kept():
    set_script_prefix("/embassy/")
    try:
        assert fixed_address("search:results") == "/embassy/search/"
        assert slug_address("events:detail")("summit") == "/embassy/events/summit/"
    finally:
        set_script_prefix("/")
    assert fixed_address("search:results") == "/search/"
