import datetime

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from markdownx.models import MarkdownxField

from markup.dates import DatePrecision
from markup.markdown import render_bodies, validate_markdown
from markup.validators import validate_no_control_characters
from photos.inline import inline_photo_problems, inline_photos, language_bodies
from publishing.gate import heading_problems, placement_problems
from publishing.models import Publishable, Status
from sitewide.addresses import slug_address

# The years every output can express: four digits (the ?year= filter, ISO dates) and a next day, month
# and year after the last one (an iCalendar event's end is the day after it, which 9999-12-31 has not).
EARLIEST_YEAR, LATEST_YEAR = 1000, 9998
EARLIEST_DATE, LATEST_DATE = datetime.date(EARLIEST_YEAR, 1, 1), datetime.date(LATEST_YEAR, 12, 31)


def validate_event_date(value):
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(f"Enter a date in the years {EARLIEST_YEAR} to {LATEST_YEAR}.", code="date_out_of_range")


@reversion.register(follow=["photo_placements"])
class Event(Publishable):
    """Something that happened on a date: a summit, a ministerial meeting, a "2+2" meeting, a test.

    An event belongs to the section that tells its story and is listed there in
    date order, as well as on the events pages.
    """

    title = models.CharField(max_length=255, validators=[validate_no_control_characters])
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in the event's address.")
    section = models.ForeignKey(
        "sections.Section",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text="The section of a page that tells this event's story; the event is listed there.",
    )
    starts_on = models.DateField("date", db_index=True, validators=[validate_event_date])
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="Choose Month or Year when the sources do not give the exact day.",
    )
    start_time = models.TimeField(null=True, blank=True, help_text="Optional, local time of the event.")
    ends_on = models.DateField(
        "end date", null=True, blank=True, validators=[validate_event_date], help_text="For events over several days."
    )
    location = models.CharField(
        max_length=255,
        blank=True,
        validators=[validate_no_control_characters],
        help_text='e.g. "White House, Washington, D.C."',
    )
    participants = models.CharField(
        max_length=500,
        blank=True,
        validators=[validate_no_control_characters],
        help_text="Names and roles, separated by commas.",
    )
    summary = models.CharField(
        max_length=300,
        blank=True,
        validators=[validate_no_control_characters],
        help_text="One sentence shown in lists.",
    )
    body = MarkdownxField(blank=True, validators=[validate_no_control_characters, validate_markdown])
    body_html = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["-starts_on", "-start_time", "title"]
        permissions = [("publish_event", "Can publish, unpublish and schedule events")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__range=(EARLIEST_DATE, LATEST_DATE))
                & (Q(ends_on__isnull=True) | Q(ends_on__range=(EARLIEST_DATE, LATEST_DATE))),
                name="event_dates_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["section", "starts_on"], name="event_section_date"),
            # The public events list (published, newest first) and the admin's list (newest first) read
            # one page in this order without sorting every event.
            models.Index(fields=["status", "-starts_on", "-start_time", "title"], name="event_public_order"),
            models.Index(fields=["-starts_on", "-start_time", "title"], name="event_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_address("events:detail")(self.slug)

    def clean(self):
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The end date cannot be before the start date."})

    def render_body(self, render=None):
        """Each language's ``body_html`` is its ``body`` rendered (by save() and the importer's bulk writes)."""
        render_bodies(self, render)

    def save(self, *args, **kwargs):
        self.render_body()
        super().save(*args, **kwargs)

    def publish_problems(self):
        # The event page's title is the h1, so body headings start at h2.
        return heading_problems(self.body, 1) + placement_problems(self) + inline_photo_problems(self)

    def unpublished_companions(self):
        """The photographs this event shows (placed, or inside its text) that are not yet published."""
        photos = [placement.photo for placement in self.photo_placements.select_related("photo")]
        photos = {photo.pk: photo for photo in photos + inline_photos(*language_bodies(self))}
        return [photo for photo in photos.values() if photo.status != Status.PUBLISHED]

    def history_page(self):
        """An event listed in a section is news on that section's page."""
        if self.section_id is None:
            return None
        return self.section.page or self.section

    @property
    def year(self):
        return self.starts_on.year
