"""Site-wide text: the embassy's name, its address and telephone lines, the footer's links."""

import reversion
from django.db import models
from django.db.models import Q

from markup.validators import validate_no_control_characters
from publishing.models import PublicContent

from .languages import Untranslated


@reversion.register(follow=["phone_lines", "footer_links"])
class SiteSettings(PublicContent):
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
    untranslated_content = models.CharField(
        "untranslated content",
        max_length=7,
        choices=Untranslated.CHOICES,
        default=Untranslated.ENGLISH,
        help_text="What readers of the Japanese site see where a section, event or caption is not translated yet: "
        "the English text, marked as such, or nothing.",
    )

    # Editors draft changes to the footer; publishers publish them (publishing.editions).
    has_editions = True

    class Meta:
        db_table = "embassy_sitesettings"  # the tables keep the names they had in the project package
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
        permissions = [("publish_sitesettings", "Can publish changes to the site settings")]
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
class PhoneLine(PublicContent):
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

    changed_by = "editors"  # through a draft of the site settings, which publishers publish

    class Meta:
        db_table = "embassy_phoneline"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


@reversion.register()
class FooterLink(PublicContent):
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

    changed_by = "editors"  # through a draft of the site settings, which publishers publish

    class Meta:
        db_table = "embassy_footerlink"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    @property
    def text(self):
        return self.label or self.page.title
