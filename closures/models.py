"""Office closures: the days the embassy, its consular section or its visa section is closed.

A closure is structured data, published like everything else (draft, review, schedule, revisions:
:mod:`publishing`). It is read in three places: the banner at the top of every page in the days before it
(:mod:`notices.banner`), the iCalendar feed (:mod:`events.calendar`) and the "Closures" list of the contact page.
"""

import datetime

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from markup.validators import validate_no_control_characters
from publishing.models import Publishable, PublishableQuerySet

# How many days before a closure its banner appears. A week: a reader booking a consular appointment, or planning
# a visit for next week, sees it before they come, and a closure on a Monday is announced on the Monday before,
# across a whole working week; any longer and the banner of a routine holiday sits on every page for weeks.
ANNOUNCE_DAYS_BEFORE = 7

# The days a closure can have: its announcement (a week before) and the day after it must be dates too.
EARLIEST_DAY, LATEST_DAY = datetime.date(1900, 1, 1), datetime.date(9998, 12, 31)


def validate_closure_day(value):
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValidationError(
            f"Enter a date in the years {EARLIEST_DAY.year} to {LATEST_DAY.year}.", code="day_out_of_range"
        )


class Office(models.TextChoices):
    # Translated: the banner and the contact page name the office in the reader's language.
    EMBASSY = "embassy", _("The embassy")
    CONSULAR = "consular", _("The consular section")
    VISA = "visa", _("The visa section")


def start_of_day(day):
    """Midnight at the start of ``day`` in Washington (settings.TIME_ZONE), where the offices are."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class ClosureQuerySet(PublishableQuerySet):
    def announced(self, at=None):
        """Public closures whose banner is shown at ``at``: from a week before the day until the day is over."""
        at = at or timezone.now()
        return self.public(at).filter(announced_from__lte=at, announced_until__gt=at)

    def upcoming(self, at=None):
        """Public closures that are today or later in Washington, soonest first: the contact page's list."""
        at = at or timezone.now()
        return self.public(at).filter(announced_until__gt=at).order_by("day", "office")


@reversion.register()
class Closure(Publishable):
    """A day an office is closed to the public: a US federal or Japanese holiday, a typhoon, a move."""

    # The banner's own moments, stored so that the page cache turns over exactly when it appears and leaves
    # (publishing.pagecache.next_scheduled_change reads every column named here).
    schedule_fields = (*Publishable.schedule_fields, "announced_from", "announced_until")

    day = models.DateField(
        "date",
        db_index=True,
        validators=[validate_closure_day],
        help_text="The day the office is closed (Washington time).",
    )
    office = models.CharField(
        max_length=10,
        choices=Office.choices,
        default=Office.EMBASSY,
        help_text="“The embassy” closes every section; choose a section when only that one is closed.",
    )
    reason = models.CharField(
        max_length=120,
        validators=[validate_no_control_characters],
        help_text="A few words, e.g. “Thanksgiving Day”; shown in the banner, the calendar and the contact page.",
    )
    # Worked out from the day on every save (never typed): ANNOUNCE_DAYS_BEFORE is the one rule.
    announced_from = models.DateTimeField(editable=False, db_index=True)
    announced_until = models.DateTimeField(editable=False, db_index=True)

    objects = ClosureQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "office"]
        verbose_name = "office closure"
        permissions = [("publish_closure", "Can publish, unpublish and schedule office closures")]
        constraints = [
            *Publishable.Meta.constraints,
            models.UniqueConstraint(fields=["day", "office"], name="closure_once_per_day_and_office"),
            models.CheckConstraint(condition=Q(office__in=Office.values), name="closure_office_known"),
            models.CheckConstraint(condition=Q(day__range=(EARLIEST_DAY, LATEST_DAY)), name="closure_day_in_range"),
            models.CheckConstraint(
                condition=Q(announced_from__lt=models.F("announced_until")), name="closure_announced_before_its_end"
            ),
        ]

    def __str__(self):
        return f"{self.get_office_display()} closed on {self.day:%Y-%m-%d}: {self.reason}"

    def get_absolute_url(self):
        return reverse("sections:contact") + "#closures"

    def save(self, *args, **kwargs):
        self.set_announcement()
        super().save(*args, **kwargs)

    def set_announcement(self):
        self.day = self._meta.get_field("day").to_python(self.day)  # a day given as text ("2026-12-25") too
        self.announced_from = start_of_day(self.day - datetime.timedelta(days=ANNOUNCE_DAYS_BEFORE))
        self.announced_until = start_of_day(self.day + datetime.timedelta(days=1))
