"""Review dates: every page and section should be re-read a year after it was published."""

from django.utils import timezone

from embassy.models import Status

REVIEW_INTERVAL_YEARS = 1


def one_year_after(day):
    try:
        return day.replace(year=day.year + REVIEW_INTERVAL_YEARS)
    except ValueError:  # 29 February
        return day.replace(year=day.year + REVIEW_INTERVAL_YEARS, day=28)


def publication_date(section):
    """The day a published section became (or becomes) public: its scheduled time, else today."""
    moment = section.publish_at or timezone.now()
    return timezone.localdate(moment)


def default_review_by(section):
    """The review date to fill in, or None when there is nothing to fill in.

    "Publication" is the moment the section is saved as published with no review date yet:
    the date is then one year after its publish time (or after today when it has none).
    An editor's own date is never overwritten, and drafts get none.
    """
    if section.status != Status.PUBLISHED or section.review_by is not None:
        return None
    return one_year_after(publication_date(section))


def fill_review_by(section):
    """Give ``section`` its default review date when it has none (see :func:`default_review_by`)."""
    review_by = default_review_by(section)
    if review_by is not None:
        section.review_by = review_by
