import secrets

import reversion
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from embassy.models import Publishable, PublishableQuerySet


def photo_upload_path(instance, filename):
    """Store under an unguessable name; the uploaded name is kept only in ``original_filename``."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    today = timezone.localdate()
    return f"photos/{today:%Y/%m}/{secrets.token_urlsafe(16)}.{extension}"


class PhotoQuerySet(PublishableQuerySet):
    def public(self, at=None):
        at = at or timezone.now()
        rights_current = Q(rights_expire_on__isnull=True) | Q(rights_expire_on__gt=timezone.localdate(at))
        # A photograph imported from a legacy page has no image until staff upload one: never shown.
        return super().public(at).filter(rights_current).exclude(image="")


@reversion.register()
class Photo(Publishable):
    """A photograph or figure, with the caption, credit and alt text that always travel with it."""

    image = models.ImageField(
        upload_to=photo_upload_path,
        width_field="width",
        height_field="height",
        blank=True,
        help_text="Empty for photographs imported from legacy pages until the image is uploaded; "
        "such a photograph is never shown to the public.",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    caption = models.CharField(max_length=300, help_text="Shown under the image, e.g. who is pictured, where and when.")
    credit = models.CharField(
        max_length=200,
        blank=True,
        help_text='Who took or owns the image, exactly as the agency asks, e.g. "Photo: Cabinet Public Relations '
        'Office". Required to publish.',
    )
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="Describes the image for people who cannot see it. Required to publish.",
    )
    taken_on = models.DateField(null=True, blank=True)
    original_filename = models.CharField(max_length=255, blank=True, editable=False)
    is_placeholder = models.BooleanField(
        default=False, help_text="A stand-in image drawn by the site until the real photograph is available."
    )
    copyright_holder = models.CharField(max_length=200, blank=True)
    licence = models.CharField(max_length=100, blank=True, help_text='e.g. "All rights reserved", "CC BY 4.0".')
    source_url = models.URLField("source URL", max_length=500, blank=True)
    rights_expire_on = models.DateField(
        null=True, blank=True, help_text="From this date the photograph is no longer shown to the public."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [("publish_photo", "Can publish, unpublish and schedule photographs")]
        constraints = [*Publishable.Meta.constraints]

    def __str__(self):
        return self.caption or self.original_filename or f"Photo {self.pk}"

    def save(self, *args, **kwargs):
        if self.image:
            # Read from the stored file's header, so the numbers always match the file we serve.
            self.width, self.height = self.image.width, self.image.height
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.image.url if self.image else reverse("admin:photos_photo_change", args=[self.pk])


@reversion.register()
class PhotoPlacement(models.Model):
    """Where a photograph appears: in a section or an event, at a position. One photo may appear in many places."""

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="placements")
    section = models.ForeignKey(
        "sections.Section", null=True, blank=True, on_delete=models.CASCADE, related_name="photo_placements"
    )
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="photo_placements"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(section__isnull=False) & Q(event__isnull=True))
                | (Q(section__isnull=True) & Q(event__isnull=False)),
                name="placement_in_section_or_event",
            ),
        ]

    def __str__(self):
        return f"{self.photo} in {self.section or self.event}"
