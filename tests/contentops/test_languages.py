"""The export carries the Japanese text as ``<field>_ja`` beside the English ``<field>``; older documents load."""

import io
import json

import pytest
from django.core.management import call_command

from sections.models import Section
from tests.factories import make_page, make_section

pytestmark = pytest.mark.django_db


def test_export_writes_english_as_before_and_japanese_beside_it(tmp_path):
    page = make_page("Overview", slug="overview", title_ja="概要")
    make_section(page, "Security", slug="security", body="Alliance.", body_ja="同盟。")
    out = tmp_path / "site.json"
    call_command("export_page", "--all", "--format", "json", "--output", str(out), stderr=io.StringIO())
    text = out.read_text()
    assert "title_en" not in text and "body_html" not in text
    page_entry = json.loads(text)["pages"][0]
    assert page_entry["title"] == "Overview" and page_entry["title_ja"] == "概要"
    section_entry = page_entry["children"][0]
    assert section_entry["body"] == "Alliance." and section_entry["body_ja"] == "同盟。"

    Section.objects.all().delete()
    call_command("import_document", str(out), stdout=io.StringIO())
    section = Section.objects.get(slug="security")
    assert (section.body_en, section.body_ja) == ("Alliance.", "同盟。")
    assert section.body_html_ja.strip() == "<p>同盟。</p>"


def test_a_document_written_before_the_japanese_columns_loads_as_english(demo_site):
    # The demo document has no "_ja" keys: its text is the English, and the Japanese columns stay empty.
    page = Section.objects.get(depth=1, slug="overview-of-japan-us-relations")
    assert page.title_en == "Overview of Japan-U.S. Relations"
    assert not page.title_ja and not page.body_html_ja
    assert page.body_html_en
