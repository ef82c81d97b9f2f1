import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from markup.validators import validate_no_control_characters


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "Awaiting review"
    PUBLISHED = "published", "Published"


class DatePrecision(models.TextChoices):
    """How much of a stored date is known: the source often gives only a month or a year."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class PublishableQuerySet(models.QuerySet):
    def public(self, at=None):
        """What the public may see at ``at`` (default: now). Every public view starts here."""
        at = at or timezone.now()
        return self.filter(
            Q(status=Status.PUBLISHED),
            Q(publish_at__isnull=True) | Q(publish_at__lte=at),
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=at),
        )


class Publishable(models.Model):
    """Columns and rules shared by everything that can be drafted and scheduled."""

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Drafts are seen only by staff; “Awaiting review” asks a publisher to publish. "
        "Published items are public within the schedule below.",
    )
    # Indexed: every uncached public page asks for the next scheduled change of each kind
    # (embassy.pagecache.next_scheduled_change), which an index answers with one seek.
    publish_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        db_index=True,
        help_text="Optional. A published item stays hidden until this moment.",
    )
    unpublish_at = models.DateTimeField(
        "unpublish at",
        null=True,
        blank=True,
        db_index=True,
        help_text="Optional. A published item is hidden again from this moment.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Counts saves, so that an edit based on an older copy is caught."
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(publish_at__isnull=True)
                | Q(unpublish_at__isnull=True)
                | Q(publish_at__lt=models.F("unpublish_at")),
                name="%(app_label)s_%(class)s_publish_before_unpublish",
            ),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.publish_at and self.unpublish_at and self.publish_at >= self.unpublish_at:
            raise ValidationError({"unpublish_at": "The unpublish time must come after the publish time."})

    @property
    def became_public_at(self):
        """When the current content reached the public: the later of the last save and the scheduled start."""
        if self.publish_at and self.publish_at > self.updated_at:
            return self.publish_at
        return self.updated_at

    def is_public(self, at=None):
        at = at or timezone.now()
        return (
            self.status == Status.PUBLISHED
            and (self.publish_at is None or self.publish_at <= at)
            and (self.unpublish_at is None or self.unpublish_at > at)
        )


@reversion.register(follow=["phone_lines", "footer_links"])
class SiteSettings(models.Model):
    """The one row of site-wide text: the embassy's name and the footer."""

    embassy_name = models.CharField(
        max_length=200, default="Embassy of Japan", validators=[validate_no_control_characters]
    )
    address = models.TextField(
        blank=True,
        validators=[validate_no_control_characters],
        help_text="Postal address as it appears in the footer, one line per row.",
    )
    copyright_line = models.CharField(max_length=200, blank=True, validators=[validate_no_control_characters])
    home_page = models.ForeignKey(
        "sections.Section",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"depth": 1},
        help_text="The page shown at the site's address. Leave empty to use the first page.",
    )

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="site_settings_single_row")]

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """The settings row, or unsaved defaults: a public page view must never write."""
        try:
            return cls.objects.get(pk=1)  # get(), unlike first(), does not order the one row by pk
        except cls.DoesNotExist:
            return cls(pk=1)


@reversion.register()
class PhoneLine(models.Model):
    """A telephone and fax pair shown in the footer, e.g. the main line and the visa section."""

    site_settings = models.ForeignKey(SiteSettings, on_delete=models.CASCADE, related_name="phone_lines")
    label = models.CharField(
        max_length=60,
        validators=[validate_no_control_characters],
        help_text='What the line is for, e.g. "Main" or "Visa".',
    )
    telephone = models.CharField(max_length=40, blank=True, validators=[validate_no_control_characters])
    fax = models.CharField(max_length=40, blank=True, validators=[validate_no_control_characters])
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


@reversion.register()
class FooterLink(models.Model):
    """A link in the footer to a page of the site (Legal Matters, Privacy Policy, …)."""

    site_settings = models.ForeignKey(SiteSettings, on_delete=models.CASCADE, related_name="footer_links")
    page = models.ForeignKey(
        "sections.Section", on_delete=models.CASCADE, related_name="+", limit_choices_to={"depth": 1}
    )
    label = models.CharField(
        max_length=100,
        blank=True,
        validators=[validate_no_control_characters],
        help_text="Leave empty to use the page's title.",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    @property
    def text(self):
        return self.label or self.page.title
