"""axe-core on pages with a banner of each severity (and a closure's), on a phone and on a desktop, in both
languages; and on the e-mail alerts' pages."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from closures.models import Closure, Office
from notices.models import Notice, Severity
from publishing.models import Status
from tests.browser.chromium import DESKTOP, PHONE
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

OVERVIEW = "/overview-of-japan-us-relations/"
PAGES = ["/", OVERVIEW, "/events/", "/contact/", "/alerts/", "/ja/", f"/ja{OVERVIEW}", "/ja/contact/", "/ja/alerts/"]
WORDS = {
    Severity.INFORMATION: ("New passport fees from April", "4月から旅券手数料が変わります"),
    Severity.WARNING: ("Travel advisory raised for Okinawa", "沖縄の渡航情報が引き上げられました"),
    Severity.EMERGENCY: ("Typhoon: the consular section is closed", "台風のため領事部は休館します"),
}


def publish_notice(severity):
    title, title_ja = WORDS[severity]
    return Notice.objects.create(
        title=title,
        title_ja=title_ja,
        text="Details on the notice's page.",
        text_ja="詳しくはお知らせのページをご覧ください。",
        severity=severity,
        status=Status.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(minutes=1),
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_pages_with_every_kind_of_banner_have_no_axe_violations(browser, site, viewport):
    for severity in Severity:
        publish_notice(severity)
    Closure.objects.create(day=timezone.localdate() + datetime.timedelta(days=3), office=Office.CONSULAR,
                           reason="Typhoon drill", reason_ja="防災訓練", status=Status.PUBLISHED)  # fmt: skip
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        for path in PAGES:
            assert page.goto(site + path).ok, path
            expect(page.locator(".notice")).to_have_count(4)
            expect(page.locator(".notice__dismiss:visible")).to_have_count(3)  # an emergency cannot be dismissed
            assert_accessible(page, f"{path} at {viewport['width']} px")
    finally:
        context.close()


@pytest.mark.parametrize("severity", list(Severity), ids=lambda severity: severity.name.lower())
def test_a_banner_of_each_severity_alone_has_no_axe_violations(browser, site, severity):
    publish_notice(severity)
    for viewport in (PHONE, DESKTOP):
        context = browser.new_context(viewport=viewport)
        try:
            page = context.new_page()
            for path in (OVERVIEW, f"/ja{OVERVIEW}"):
                assert page.goto(site + path).ok, path
                expect(page.locator(f".notice--{severity.name.lower()}")).to_have_count(1)
                assert_accessible(page, f"{severity.name} banner, {path} at {viewport['width']} px")
        finally:
            context.close()
