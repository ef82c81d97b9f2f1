import datetime
import secrets

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from markup.validators import validate_no_control_characters
from publishing.gate import photo_problems
from publishing.models import PublicContent, Publishable, PublishableQuerySet, Status

from .renditions import is_safe_name, make_renditions, picture_for, records_problem
from .storage import delete_after_commit, keep_files_only_on_commit


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

    def rights_expired(self, on=None):
        return self.filter(rights_expire_on__lte=on or timezone.localdate())

    def rights_expiring(self, on=None, days=30):
        """Photographs still shown on ``on`` whose rights end within ``days`` days."""
        on = on or timezone.localdate()
        return self.filter(rights_expire_on__gt=on, rights_expire_on__lte=on + datetime.timedelta(days=days))


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
    caption = models.CharField(
        max_length=300,
        validators=[validate_no_control_characters],
        help_text="Shown under the image, e.g. who is pictured, where and when.",
    )
    credit = models.CharField(
        max_length=200,
        blank=True,
        validators=[validate_no_control_characters],
        help_text='Who took or owns the image, exactly as the agency asks, e.g. "Photo: Cabinet Public Relations '
        'Office". Required to publish.',
    )
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        validators=[validate_no_control_characters],
        help_text="Describes the image for people who cannot see it. Required to publish.",
    )
    taken_on = models.DateField(null=True, blank=True)
    original_filename = models.CharField(max_length=255, blank=True, editable=False)
    is_placeholder = models.BooleanField(
        default=False, help_text="A stand-in image drawn by the site until the real photograph is available."
    )
    copyright_holder = models.CharField(max_length=200, blank=True, validators=[validate_no_control_characters])
    licence = models.CharField(
        max_length=100,
        blank=True,
        validators=[validate_no_control_characters],
        help_text='e.g. "All rights reserved", "CC BY 4.0".',
    )
    source_url = models.URLField("source URL", max_length=500, blank=True, validators=[validate_no_control_characters])
    rights_expire_on = models.DateField(
        null=True,
        blank=True,
        db_index=True,  # the next expiry bounds how long a page may be cached: one index seek per uncached page
        help_text="From this date the photograph is no longer shown to the public.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    renditions = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="The smaller copies made from the image: width, height, format and file name of each.",
    )

    objects = PhotoQuerySet.as_manager()

    # A photograph leaves the site on its own when its rights expire, as on an unpublish time.
    schedule_fields = (*Publishable.schedule_fields, "rights_expire_on")
    # A revision keeps the current file: replaced files are deleted.
    kept_on_revert = ("image", "width", "height")

    # The image name as last read from or written to the database, to notice a replaced image.
    _stored_image_name = None
    # Set on the first figure of a page, which is on the first screen and so is not loaded lazily.
    is_first_figure = False

    class Meta:
        ordering = ["-created_at"]
        # The photo library (admin) lists the newest first.
        indexes = [models.Index(fields=["-created_at"], name="photo_newest_first")]
        permissions = [("publish_photo", "Can publish, unpublish and schedule photographs")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | (~Q(credit="") & ~Q(alt_text="")),
                name="published_photo_has_credit_and_alt_text",
                violation_error_message="A published photograph needs a credit and alt text.",
            ),
        ]

    def __str__(self):
        return self.caption or self.original_filename or f"Photo {self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values):
        photo = super().from_db(db, field_names, values)
        photo._stored_image_name = photo.image.name if "image" in photo.__dict__ else None
        return photo

    def clean(self):
        super().clean()
        # Neither is typed by staff, but both come in with an import, and pages use them unchecked.
        problem = records_problem(self.renditions)
        if problem:
            raise ValidationError({"renditions": problem})
        if self.image and not is_safe_name(self.image.name):
            raise ValidationError({"image": "The file name must be a relative name inside the media storage."})
        if self.status == Status.PUBLISHED:
            missing = {
                field: "Required to publish the photograph."
                for field in ("credit", "alt_text")
                if not getattr(self, field).strip()
            }
            if missing:
                raise ValidationError(missing)

    def save(self, *args, **kwargs):
        """Store the image, make its renditions, then write the row (the files go again if it rolls back)."""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "image" not in update_fields:
            return super().save(*args, **kwargs)
        with keep_files_only_on_commit(), transaction.atomic():
            replaced = self._store_image_and_row(update_fields, *args, **kwargs)
        self._stored_image_name = self.image.name
        kept = {self.image.name, *(record["name"] for record in self.renditions)}
        delete_after_commit([name for name in replaced if name not in kept])

    def adopt_stored_files(self, storage):
        """Saving keeps the image and the recorded renditions as they are in ``storage``, if all are there.

        For a row restored from an export: writing the renditions again would replace files that exist
        already, and a rollback of the restore would then delete them. Returns whether all were there.
        """
        if not self.renditions or not all(storage.exists(name) for name in self.file_names()):
            return False
        self._stored_image_name = self.image.name
        return True

    def _store_image_and_row(self, update_fields, *args, **kwargs):
        """Write the image and its renditions, then the row; return the files of an image it replaced."""
        replaced = []
        if self.image and not self.image._committed:
            self.image.save(self.image.name, self.image.file, save=False)
        image_changed = self.image.name != self._stored_image_name
        if self.image and (image_changed or not self.renditions):
            if image_changed and self._stored_image_name:
                replaced = [self._stored_image_name, *(record["name"] for record in self.renditions)]
            # The numbers come from the stored file, so they always match what we serve.
            self.width, self.height = self.image.width, self.image.height
            self.renditions = make_renditions(self.image.name)
            self.__dict__.pop("picture", None)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "renditions", "width", "height"}
        super().save(*args, **kwargs)
        return replaced

    def rebuild_renditions(self):
        """Make the renditions again from the stored image (after a change of sizes or formats)."""
        old = {record["name"] for record in self.renditions}
        self.renditions = make_renditions(self.image.name)
        self.__dict__.pop("picture", None)
        Photo.objects.filter(pk=self.pk).update(renditions=self.renditions)
        delete_after_commit(sorted(old - {record["name"] for record in self.renditions}))

    def file_names(self):
        """Every file of this photograph in the media storage: the image and its renditions."""
        return [name for name in [self.image.name, *(record["name"] for record in self.renditions)] if name]

    @cached_property
    def picture(self):
        """URLs and sizes for the ``<picture>`` element, from the stored records alone (no query, no file access)."""
        original_url = self.image.url if self.image else ""
        return picture_for(self.renditions, original_url, self.width, self.height)

    @property
    def rights_expired(self):
        return self.rights_expired_at()

    def rights_expired_at(self, at=None):
        day = timezone.localdate(at) if at else timezone.localdate()
        return self.rights_expire_on is not None and self.rights_expire_on <= day

    def is_shown_to_public(self, at=None):
        """The one-photograph form of ``Photo.objects.public()``."""
        return self.is_public(at) and not self.rights_expired_at(at)

    def publish_problems(self):
        return photo_problems(self)

    def get_absolute_url(self):
        """The large rendition: what a reader gets when clicking the photograph on a page."""
        return self.picture.large_url if self.image else reverse("admin:photos_photo_change", args=[self.pk])


@reversion.register()
class PhotoPlacement(PublicContent):
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
        verbose_name = "photograph placement"
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(section__isnull=False) & Q(event__isnull=True))
                | (Q(section__isnull=True) & Q(event__isnull=False)),
                name="placement_in_section_or_event",
            ),
        ]

    def __str__(self):
        # Named in the delete confirmation for a photograph, so say what kind of place it is.
        if self.event_id:
            return f"“{self.photo}” in the event “{self.event}”"
        return f"“{self.photo}” in the {'page' if self.section.is_page else 'section'} “{self.section}”"

    def place_label(self):
        """Where the photograph is shown, in words an editor recognises: "section “BMD” of the page “Overview”"."""
        if self.event_id:
            return f"the event “{self.event}”"
        section = self.section
        if section.is_page:
            return f"the page “{section}”"
        return f"the section “{section}” of the page “{section.page}”"

    def place_admin_url(self):
        if self.event_id:
            return reverse("admin:events_event_change", args=[self.event_id])
        return reverse("admin:sections_section_change", args=[self.section_id])
