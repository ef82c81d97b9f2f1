"""Office closures: announced in the banner the week before, in the calendar feed and on the contact page."""

import datetime
from datetime import timedelta

import icalendar
import pytest
import time_machine
from django.db import IntegrityError, transaction

from closures.models import ANNOUNCE_DAYS_BEFORE, Closure, Office
from notices.models import Notice, Severity
from publishing.models import Status
from tests.factories import make_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

# A Friday, after the clocks go forward (March 10, 2030): the week before is in EST, the day itself in EDT.
DAY = datetime.date(2030, 3, 15)
# Midnight in Washington at the start of the week before, and at the end of the day.
SHOWN_FROM = datetime.datetime(2030, 3, 8, 5, 0, tzinfo=datetime.UTC)
SHOWN_UNTIL = datetime.datetime(2030, 3, 16, 4, 0, tzinfo=datetime.UTC)
SECOND = timedelta(seconds=1)
TITLE = "The consular section is closed on Friday, March 15, 2030"


def make_closure(day=DAY, office=Office.CONSULAR, reason="Typhoon drill", status=Status.PUBLISHED, **fields):
    return Closure.objects.create(day=day, office=office, reason=reason, status=status, **fields)


@pytest.fixture
def site():
    return make_page(title="Overview", slug="overview", show_in_navigation=True)


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_banner_is_shown_a_week_before_the_day():
    assert ANNOUNCE_DAYS_BEFORE == 7
    closure = make_closure()
    assert (closure.announced_from, closure.announced_until) == (SHOWN_FROM, SHOWN_UNTIL)


@pytest.mark.parametrize("url", ["/", "/overview/", "/events/", "/contact/"])
def test_a_closure_is_announced_from_a_week_before_until_the_day_is_over_through_the_page_cache(client, site, url):
    make_closure()
    with time_machine.travel(SHOWN_FROM - SECOND, tick=False):
        assert TITLE not in html(client, url)
        assert TITLE not in html(client, url)  # the cached copy, kept only until the banner's start
    for moment in (SHOWN_FROM, SHOWN_FROM + SECOND, SHOWN_UNTIL - SECOND):
        with time_machine.travel(moment, tick=False):
            page = html(client, url)
            assert TITLE in page and "Typhoon drill" in page, moment
            assert html(client, url) == page  # a cache hit shows it too
    for moment in (SHOWN_UNTIL, SHOWN_UNTIL + SECOND):
        with time_machine.travel(moment, tick=False):
            assert TITLE not in html(client, url), moment


def test_the_banner_links_to_the_list_of_closures(client, site):
    make_closure()
    with time_machine.travel(SHOWN_FROM, tick=False):
        page = html(client, "/overview/")
    assert '<a href="/contact/#closures">All office closures</a>' in page
    assert "notice--information" in page


def test_a_draft_or_unpublished_closure_is_not_announced(client, site):
    draft = make_closure(status=Status.DRAFT)
    make_closure(office=Office.VISA, reason="Stocktaking", unpublish_at=SHOWN_FROM + timedelta(days=1))
    with time_machine.travel(SHOWN_FROM + timedelta(days=2), tick=False):
        page = html(client, "/overview/")
        assert "Typhoon drill" not in page and "Stocktaking" not in page
        draft.status = Status.PUBLISHED
        draft.save()
        assert TITLE in html(client, "/overview/")  # publishing retires the cached page at once


def test_notices_come_before_closures_and_emergencies_first(client, site):
    make_closure()
    Notice.objects.create(title="New passport fees", text="From April.", severity=Severity.INFORMATION,
                          status=Status.PUBLISHED, publish_at=SHOWN_FROM)  # fmt: skip
    Notice.objects.create(title="Earthquake", text="Call us.", severity=Severity.EMERGENCY,
                          status=Status.PUBLISHED, publish_at=SHOWN_FROM)  # fmt: skip
    with time_machine.travel(SHOWN_FROM, tick=False):
        page = html(client, "/overview/")
    order = [page.index(text) for text in ("Earthquake", "New passport fees", TITLE)]
    assert order == sorted(order)


def test_the_japanese_banner_names_the_office_and_day_in_japanese(client, site):
    make_closure(reason_ja="防災訓練")
    with time_machine.travel(SHOWN_FROM, tick=False):
        page = html(client, "/ja/overview/")
    assert "2030年3月15日（金）は領事部が休館します" in page
    assert "<span>防災訓練</span>" in page
    assert "休館日の一覧" in page


def test_an_untranslated_reason_is_marked_english_on_the_japanese_banner(client, site):
    make_closure()
    with time_machine.travel(SHOWN_FROM, tick=False):
        page = html(client, "/ja/overview/")
    assert '<span lang="en">Typhoon drill</span>' in page
    assert "2030年3月15日（金）は領事部が休館します" in page  # the title is the site's own words, translated


def test_a_reason_is_escaped(client, site):
    make_closure(reason="<script>alert(1)</script>")
    with time_machine.travel(SHOWN_FROM, tick=False):
        page = html(client, "/overview/")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def read_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    return {
        str(event["UID"]).split("@")[0]: event
        for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }


def test_public_closures_are_all_day_events_in_the_calendar_feed(client):
    closure = make_closure(reason_ja="防災訓練")
    draft = make_closure(office=Office.VISA, status=Status.DRAFT)
    events = read_calendar(client, "/events/events.ics")
    assert f"closure-{draft.pk}" not in events
    entry = events[f"closure-{closure.pk}"]
    assert str(entry["SUMMARY"]) == "The consular section closed: Typhoon drill"
    assert entry["DTSTART"].params["VALUE"] == "DATE"
    assert (entry.decoded("DTSTART"), entry.decoded("DTEND")) == (DAY, DAY + timedelta(days=1))
    assert str(entry["TRANSP"]) == "TRANSPARENT"
    assert str(entry["URL"]) == "http://testserver/contact/#closures"
    japanese = read_calendar(client, "/ja/events/events.ics")[f"closure-{closure.pk}"]
    assert str(japanese["SUMMARY"]) == "領事部休館：防災訓練"


def test_the_contact_page_lists_coming_closures_soonest_first_in_both_languages(client, site):
    make_closure(day=datetime.date(2030, 3, 20), office=Office.EMBASSY, reason="Spring holiday", reason_ja="春の休日")
    make_closure(reason_ja="防災訓練")
    make_closure(day=datetime.date(2030, 3, 1), reason="Already past")
    make_closure(day=datetime.date(2030, 3, 25), reason="Not published", status=Status.DRAFT)
    with time_machine.travel(SHOWN_FROM, tick=False):
        english = html(client, "/contact/")
        japanese = html(client, "/ja/contact/")
    assert '<h2 id="closures">Closures</h2>' in english
    assert english.index("Friday, March 15, 2030") < english.index("Wednesday, March 20, 2030")
    assert "Typhoon drill" in english and "The embassy" in english and "Spring holiday" in english
    assert "Already past" not in english and "Not published" not in english
    assert '<h2 id="closures">休館日</h2>' in japanese
    assert japanese.index("2030年3月15日（金）") < japanese.index("2030年3月20日（水）")
    assert "防災訓練" in japanese and "春の休日" in japanese and "領事部" in japanese
    assert "Already past" not in japanese


def test_a_closure_leaves_the_contact_page_when_its_day_is_over(client, site):
    make_closure()
    with time_machine.travel(SHOWN_UNTIL - SECOND, tick=False):
        assert "Typhoon drill" in html(client, "/contact/")
    with time_machine.travel(SHOWN_UNTIL, tick=False):
        assert "Typhoon drill" not in html(client, "/contact/")


def test_every_page_links_to_the_contact_page_in_its_language(client, site):
    assert '<a href="/contact/">Contact and closures</a>' in html(client, "/overview/")
    assert '<a href="/ja/contact/">連絡先・休館日</a>' in html(client, "/ja/overview/")
    assert "No closures are planned." in html(client, "/contact/")


def test_an_office_is_closed_once_a_day():
    make_closure()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_closure(reason="Twice")


def closure_form(**overrides):
    schedule = {"publish_at_0": "", "publish_at_1": "", "unpublish_at_0": "", "unpublish_at_1": "", "change_note": ""}
    fields = {
        "day": "2030-03-15",
        "office": "consular",
        "reason": "Typhoon drill",
        "reason_ja": "",
        "status": "published",
    }
    return {**fields, **schedule, **overrides}


def test_a_publisher_publishes_a_closure_through_the_admin(publisher_client, client, site):
    response = publisher_client.post("/admin/closures/closure/add/", closure_form())
    assert response.status_code == 302
    with time_machine.travel(SHOWN_FROM, tick=False):
        assert TITLE in html(client, "/overview/")


def test_an_editor_drafts_a_closure_that_the_public_does_not_see(editor_client, client, site):
    response = editor_client.post("/admin/closures/closure/add/", closure_form(status="draft"))
    assert response.status_code == 302
    assert Closure.objects.get().status == Status.DRAFT
    with time_machine.travel(SHOWN_FROM, tick=False):
        assert TITLE not in html(client, "/overview/")


@pytest.mark.parametrize("day", ["0001-01-01", "2030-02-30", "not a day"])
def test_a_day_out_of_range_is_a_form_error(publisher_client, day):
    response = publisher_client.post("/admin/closures/closure/add/", closure_form(day=day))
    assert response.status_code == 200 and response.context["errors"]
    assert not Closure.objects.exists()
