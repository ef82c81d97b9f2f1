"""Translators see, section by section, whether the Japanese is missing, up to date or out of date, and what
changed in the English since they last brought it up to date; nothing ever overwrites their text."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from publishing import services
from publishing.pagecache import content_changed
from sections.models import Section
from tests.factories import make_page, make_section
from tests.html import form_data, parse, text_of
from tests.signin import sign_in_with_second_factor
from translations import status

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator_client(django_user_model):
    user = django_user_model.objects.create_user("tomo", "tomo@example.org", "a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Translator (Japanese)"))
    return sign_in_with_second_factor(Client(), user)


def overview():
    page = make_page(title="Overview", slug="overview")
    summits = make_section(page, "Summit Meetings", slug="summits", body="The leaders met in Tokyo.")
    Section.objects.filter(pk=summits.pk).update(title_ja="首脳会談", body_ja="両首脳は東京で会談した。")
    security = make_section(page, "Security", slug="security", body="The alliance endures.")
    return page, Section.objects.get(pk=summits.pk), security


def page_view(client, page):
    return parse(client.get(f"/admin/translations/translationrecord/page/{page.pk}/"))


def test_an_english_change_marks_the_japanese_out_of_date_with_the_diff_until_marked(publisher_client):
    page, summits, security = overview()
    status.mark_up_to_date(summits, "ja")
    states = {state.item.slug: state.state for state in status.states_of([summits, security], "ja")}
    assert states == {"summits": "up_to_date", "security": "missing"}

    data = form_data(publisher_client.get(f"/admin/sections/section/{summits.pk}/change/"))
    data.update(body="The leaders met in Washington.", _publish="Save and publish")
    assert publisher_client.post(f"/admin/sections/section/{summits.pk}/change/", data).status_code == 302

    view = page_view(publisher_client, page)
    item = view.select_one(f"#item-{summits.pk}")
    assert "Out of date since" in text_of(item.select_one(".translation-state"))
    assert "<del>Tokyo</del><ins>Washington</ins>" in item.select_one(".translation-changes").decode_contents()
    assert "両首脳は東京で会談した。" in text_of(item)  # the translator's text is untouched
    assert "Missing" in text_of(view.select_one(f"#item-{security.pk} .translation-state"))

    mark = item.select_one("form")["action"]
    assert publisher_client.get(mark).status_code == 405
    assert publisher_client.post(mark).status_code == 302
    view = page_view(publisher_client, page)
    assert "Up to date" in text_of(view.select_one(f"#item-{summits.pk} .translation-state"))
    assert Section.objects.get(pk=summits.pk).body_ja == "両首脳は東京で会談した。"


def test_the_dashboard_lists_pages_by_what_needs_translating(publisher_client):
    page, summits, security = overview()
    done = make_page(title="Legal Matters", slug="legal")
    Section.objects.filter(pk=done.pk).update(title_ja="法的事項")
    status.mark_up_to_date(Section.objects.get(pk=done.pk), "ja")
    rows = parse(publisher_client.get("/admin/translations/translationrecord/")).select("tbody tr")
    texts = [text_of(row) for row in rows]
    assert texts[0].startswith("Overview") and texts[-1].startswith("Legal Matters")
    assert "3 2 1" in texts[0]  # three sections (the page and two), two missing, one never checked


def test_a_translator_changes_only_the_japanese_and_cannot_publish(translator_client, visitor):
    page, summits, security = overview()
    url = f"/admin/sections/section/{summits.pk}/change/"
    form = parse(translator_client.get(url))
    assert form.select_one("textarea[name=body_ja]") is not None
    assert form.select_one("textarea[name=body]") is None and form.select_one("textarea[name=body_en]") is None
    data = form_data(translator_client.get(url))
    data.update(
        body_ja="両首脳はワシントンで会談した。", body_en="Defaced.", body="Defaced.", _publish="Save and publish"
    )
    response = translator_client.post(url, data, follow=True)
    assert "were not published" in text_of(parse(response).select_one(".messagelist"))
    summits.refresh_from_db()
    assert summits.body_ja == "両首脳は東京で会談した。" and summits.body_en == "The leaders met in Tokyo."
    draft = services.draft_of(summits)
    from publishing import editions

    drafted = editions.revision_item(draft.revision, summits)
    assert drafted.body_ja == "両首脳はワシントンで会談した。" and drafted.body_en == "The leaders met in Tokyo."
    # They may mark translations up to date, and see the dashboard.
    assert translator_client.get("/admin/translations/translationrecord/").status_code == 200


def test_the_mark_needs_the_permission_and_a_csrf_token(editor_client, visitor, publisher):
    page, summits, security = overview()
    anonymous = Client()
    assert anonymous.get(f"/admin/translations/translationrecord/page/{page.pk}/").status_code == 302
    strict = Client(enforce_csrf_checks=True)
    sign_in_with_second_factor(strict, publisher)
    view = page_view(strict, page)
    real = view.select_one(f"#item-{summits.pk} form")["action"]
    assert strict.post(real).status_code == 403
    assert anonymous.post(real).status_code == 302  # to the login
    assert editor_client.post(real).status_code == 302  # editors may mark (their own translations)
    strict_state = status.states_of([Section.objects.get(pk=summits.pk)], "ja")[0].state
    assert strict_state == "up_to_date"


def test_a_japanese_page_says_when_its_english_is_newer_if_its_editors_chose_so(client):
    page = make_page("Overview", slug="overview", title_ja="概要", english_update_notice=True)
    section = make_section(page, "Security", slug="security", title_ja="安全保障", body="Alliance.", body_ja="同盟。")
    for item in (page, section):
        status.mark_up_to_date(item, "ja")
    soup = parse(client.get("/ja/overview/"))
    assert soup.select_one(".page__english-updated") is None  # every translation follows its English
    section.body = "Alliance, revised."
    section.save()
    page.refresh_from_db()
    assert page.english_updated_on == timezone.localdate()
    notice = parse(client.get("/ja/overview/")).select_one(".page__english-updated")
    today = timezone.localdate()
    expected = f"英語版は{today.year}年{today.month}月{today.day}日に更新されました。"
    assert "".join(notice.get_text().split()).startswith(expected)
    assert notice.a["href"] == "/overview/" and notice.a["hreflang"] == "en"
    assert parse(client.get("/overview/")).select_one(".page__english-updated") is None  # never in English
    # Brought up to date: the notice goes.
    status.mark_up_to_date(section, "ja")
    assert parse(client.get("/ja/overview/")).select_one(".page__english-updated") is None
    # An editor who chose not to show it: no notice, however far the English has moved.
    section.body = "Alliance, revised again."
    section.save()
    Section.objects.filter(pk=page.pk).update(english_update_notice=False)
    content_changed()
    assert parse(client.get("/ja/overview/")).select_one(".page__english-updated") is None
