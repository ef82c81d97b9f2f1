"""The Japanese demo edition: loaded after the English, translated throughout, two sections out of date."""

import os

import pytest
from django.core.management import call_command

from sections.models import Section
from tests.html import parse, text_of
from translations import status

pytestmark = pytest.mark.django_db


def test_the_japanese_demo_edition_leaves_section_3_and_one_subsection_out_of_date(demo_site, client):
    call_command("load_demo_japanese", stdout=open(os.devnull, "w"))
    page = Section.objects.get(depth=1, slug="overview-of-japan-us-relations")
    states = {state.item.slug: state.state for state in status.states_of(Section.objects.get_tree(page), "ja")}
    assert {slug for slug, state in states.items() if state != status.State.UP_TO_DATE} == {"economic", "terrorism"}
    assert states["economic"] == status.State.OUT_OF_DATE

    japanese = parse(client.get("/ja/overview-of-japan-us-relations/"))
    assert japanese.find("html")["lang"] == "ja"
    assert text_of(japanese.find("h1")) == "日米関係の概要"
    assert "在アメリカ合衆国日本国大使館" in text_of(japanese.find("footer"))
    # Loading it again adds nothing and keeps the records as they are.
    call_command("load_demo_japanese", stdout=open(os.devnull, "w"))
    again = {state.item.slug: state.state for state in status.states_of(Section.objects.get_tree(page), "ja")}
    assert again == states
