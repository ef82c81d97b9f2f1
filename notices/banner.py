"""The notices shown at the top of public pages, as the site chrome keeps them.

Read once per content generation and language, with the rest of the chrome (:mod:`sections.chrome`), and kept
until the next scheduled change anywhere on the site, which includes every notice's start and end and every
closure's announcement window: so a page served from any cache never shows a notice past its end or misses one
after its start, and a cached page costs no query for its banner.

An office closure (:mod:`closures`) becomes a notice of its own in the week before its day: an information
banner naming the office and the day, worked out here from the closure rather than stored as a second row that
editors would have to keep in step with it.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.db.models import DateField, F, IntegerField, Value
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from closures.models import Closure
from closures.wording import closure_title
from publishing.compiled import CompiledRows

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
    # "en" when the title, or the text, is shown in English on a page in another language (not yet translated).
    lang: str = ""
    text_lang: str = ""
    link_text: str = ""  # the words of the link to ``url``; blank: "More about this notice"

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

NOTICE, CLOSURE = 0, 1
# The columns both halves of the banner's query answer, in this order (a UNION matches columns by position).
COLUMNS = ["kind", "ident", "edition", "level", "heading", "heading_own", "body", "body_own", "moment",
           "closure_day", "closure_office", "shown_on"]  # fmt: skip


def banner_notices(now=None):
    """The public notices and the closures announced now, most severe first, in the active language, in one query.

    One UNION ALL of the notices and the closures, and each notice once per page it is limited to (a LEFT JOIN)
    rather than a second query: an uncached page stays within its budget of ten queries. The text in the active
    language falls back to the English, as django-modeltranslation's fields do.
    """
    now = now or timezone.now()
    rows = _banner_rows(translation.get_language() or settings.LANGUAGE_CODE)(now)
    shown, pages = {}, {}
    for row in rows:
        row = dict(zip(COLUMNS, row, strict=True))
        key = (row["kind"], row["ident"])
        shown.setdefault(key, row)
        pages.setdefault(key, set())
        if row["shown_on"] is not None:
            pages[key].add(row["shown_on"])
    notices = [_notice(row, pages[key]) for key, row in shown.items() if row["kind"] == NOTICE]
    notices.sort(key=lambda pair: (-pair[0]["level"], -pair[0]["moment"].timestamp(), -pair[0]["ident"]))
    closures = sorted((row for row in shown.values() if row["kind"] == CLOSURE),
                      key=lambda row: (row["closure_day"], row["closure_office"]))  # fmt: skip
    # Most severe first (the notices are sorted so); a closure is information, after the notices, soonest first.
    return [banner for _row, banner in notices] + [_closure(row) for row in closures]


@functools.cache
def _banner_rows(language):
    """The banner's query in ``language``, built by the ORM and compiled once per process (publishing.compiled):
    compiling this union at each uncached page took 4 ms of the overview's render, the query itself 0.3 ms."""
    english = settings.LANGUAGE_CODE

    def build(now):
        notices = (
            Notice.objects.public(now)
            .order_by()
            .annotate(
                kind=Value(NOTICE),
                ident=F("pk"),
                edition=F("version"),
                level=F("severity"),
                heading=F(f"title_{english}"),
                heading_own=F(f"title_{language}"),
                body=F(f"text_{english}"),
                body_own=F(f"text_{language}"),
                moment=F("publish_at"),
                closure_day=Value(None, output_field=DateField()),
                closure_office=Value(""),
                shown_on=F("placements__page_id"),
            )
        )
        closures = (
            Closure.objects.announced(now)
            .order_by()
            .annotate(
                kind=Value(CLOSURE),
                ident=F("pk"),
                edition=F("version"),
                level=Value(int(Severity.INFORMATION)),
                heading=F(f"reason_{english}"),
                heading_own=F(f"reason_{language}"),
                body=Value(""),
                body_own=Value(""),
                moment=F("announced_from"),
                closure_day=F("day"),
                closure_office=F("office"),
                shown_on=Value(None, output_field=IntegerField()),
            )
        )
        return notices.values_list(*COLUMNS).union(closures.values_list(*COLUMNS), all=True)

    return CompiledRows(build)


def _in_language(row, field):
    """The text in the active language, else the English, and "en" when it is the English on a translated page."""
    own, english = row[f"{field}_own"], row[field]
    return (
        (own, "")
        if own
        else (english, "en" if english and translation.get_language() != settings.LANGUAGE_CODE else "")
    )


def _notice(row, page_ids):
    title, title_lang = _in_language(row, "heading")
    text, text_lang = _in_language(row, "body")
    return row, BannerNotice(
        key=f"notice-{row['ident']}-{row['edition']}",
        severity=row["level"],
        severity_name=str(SEVERITY_WORDS[Severity(row["level"])]),
        title=title,
        text=text,
        url=reverse("notices:detail", kwargs={"pk": row["ident"]}),
        page_ids=frozenset(page_ids),
        lang=title_lang,
        text_lang=text_lang,
    )


def _closure(row):
    reason, reason_lang = _in_language(row, "heading")
    return BannerNotice(
        key=f"closure-{row['ident']}-{row['edition']}",
        severity=row["level"],
        severity_name=str(SEVERITY_WORDS[Severity(row["level"])]),
        title=closure_title(row["closure_office"], row["closure_day"]),
        text=reason,
        url=reverse("sections:contact") + "#closures",
        page_ids=frozenset(),
        text_lang=reason_lang,
        link_text=gettext("All office closures"),
    )
