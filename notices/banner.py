"""The notices shown at the top of public pages, as the site chrome keeps them.

Read once per content generation and language, with the rest of the chrome (:mod:`sections.chrome`), and kept
until the next scheduled change anywhere on the site, which includes every notice's start and end and every
closure's announcement window: so a page served from any cache never shows a notice past its end or misses one
after its start, and a cached page costs no query for its banner.
"""

from dataclasses import dataclass

from django.db.models import F
from django.utils import translation

from sitewide.languages import is_untranslated

from .models import Notice, Severity


@dataclass(frozen=True)
class BannerNotice:
    key: str  # what a reader's browser remembers when they dismiss it: changes when the notice's text does
    severity: int
    severity_name: str
    title: str
    text: str
    url: str
    page_ids: frozenset  # empty: every page
    lang: str = ""  # "en" when shown in English on a page in another language

    @property
    def dismissable(self):
        return self.severity != Severity.EMERGENCY

    @property
    def css_class(self):
        return Severity(self.severity).name.lower()

    def applies_to(self, page_id):
        return not self.page_ids or page_id in self.page_ids


SEVERITY_WORDS = {
    Severity.INFORMATION: translation.gettext_lazy("Information"),
    Severity.WARNING: translation.gettext_lazy("Warning"),
    Severity.EMERGENCY: translation.gettext_lazy("Emergency"),
}


def banner_notices(now=None):
    """The public notices, most severe first, in the active language, in one query.

    Each notice comes once per page it is limited to (a LEFT JOIN), rather than from a second query: an uncached
    page stays within its budget of ten queries.
    """
    notices, pages = {}, {}
    for notice in Notice.objects.public(now).annotate(shown_on=F("placements__page_id")):
        notices.setdefault(notice.pk, notice)
        pages.setdefault(notice.pk, set())
        if notice.shown_on is not None:
            pages[notice.pk].add(notice.shown_on)
    return [
        BannerNotice(
            key=f"notice-{notice.pk}-{notice.version}",
            severity=notice.severity,
            severity_name=str(SEVERITY_WORDS[Severity(notice.severity)]),
            title=notice.title,
            text=notice.text,
            url=notice.get_absolute_url(),
            page_ids=frozenset(pages[notice.pk]),
            lang="en" if is_untranslated(notice) else "",
        )
        for notice in notices.values()
    ]
