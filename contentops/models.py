from urllib.parse import urlsplit

from django.db import models
from django.urls import reverse


class Outcome(models.TextChoices):
    """What a link check found, grouped the way editors act on it."""

    OK = "ok", "Working"
    REDIRECTED = "redirected", "Redirected"
    CLIENT_ERROR = "4xx", "Broken (4xx)"
    SERVER_ERROR = "5xx", "Server error (5xx)"
    NO_RESPONSE = "no_response", "No response"


BROKEN_OUTCOMES = [Outcome.CLIENT_ERROR, Outcome.SERVER_ERROR, Outcome.NO_RESPONSE]


class CheckedURLQuerySet(models.QuerySet):
    def broken(self):
        return self.filter(outcome__in=BROKEN_OUTCOMES)

    def redirected(self):
        return self.filter(outcome=Outcome.REDIRECTED)

    def needing_attention(self):
        return self.filter(outcome__in=[*BROKEN_OUTCOMES, Outcome.REDIRECTED])


class CheckedURL(models.Model):
    """One address that appears somewhere in the content, with the result of its last check.

    Rows are written by ``manage.py check_links``; editors read them and fix the content.
    """

    url = models.URLField("URL", max_length=2000, unique=True)
    host = models.CharField(max_length=255, db_index=True, editable=False)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True, db_index=True)
    status_code = models.PositiveSmallIntegerField("status", null=True, blank=True)
    error = models.TextField(blank=True, help_text="Why no answer came, e.g. a timeout or a refused connection.")
    final_url = models.URLField("final URL", max_length=2000, blank=True)
    redirect_chain = models.JSONField(
        default=list, blank=True, help_text="Each redirect followed: its status and the address it came from."
    )
    checked_at = models.DateTimeField("last checked", null=True, blank=True, db_index=True)

    objects = CheckedURLQuerySet.as_manager()

    class Meta:
        ordering = ["url"]
        verbose_name = "checked link"
        verbose_name_plural = "checked links"

    def __str__(self):
        return self.url

    def save(self, *args, **kwargs):
        self.host = (urlsplit(self.url).hostname or "").lower()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("admin:contentops_checkedurl_change", args=[self.pk])

    @property
    def is_broken(self):
        return self.outcome in BROKEN_OUTCOMES


class LinkOccurrence(models.Model):
    """Where a checked address appears: a related link, or a link inside a section's or an event's text."""

    class Kind(models.TextChoices):
        RELATED_LINK = "related", "Related link"
        SECTION_TEXT = "section", "Link in section text"
        EVENT_TEXT = "event", "Link in event text"

    checked_url = models.ForeignKey(CheckedURL, on_delete=models.CASCADE, related_name="occurrences")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    link_text = models.CharField(max_length=255, blank=True)
    page = models.ForeignKey(
        "sections.Section",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The page the link appears on (for filtering).",
    )
    section = models.ForeignKey(
        "sections.Section", null=True, blank=True, on_delete=models.CASCADE, related_name="link_occurrences"
    )
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="link_occurrences"
    )
    related_link = models.ForeignKey(
        "sections.RelatedLink", null=True, blank=True, on_delete=models.CASCADE, related_name="occurrences"
    )

    class Meta:
        ordering = ["checked_url", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(section__isnull=False) | models.Q(event__isnull=False),
                name="link_occurrence_has_a_place",
            ),
        ]

    def __str__(self):
        return f"{self.checked_url} in {self.place}"

    def get_absolute_url(self):
        if self.event_id:
            return reverse("admin:events_event_change", args=[self.event_id])
        return reverse("admin:sections_section_change", args=[self.section_id])

    @property
    def place(self):
        return self.event or self.section
