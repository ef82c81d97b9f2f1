"""What a translator last brought up to date: the English an item's translation was made from, and when.

The English text of an item keeps changing after it is translated. A record holds the English fields as
they were when a translator marked the translation up to date (an explicit act: nothing here ever writes
the translation itself), so the site can say, per item, whether the translation is missing, up to date, or
out of date, and show what changed in the English since.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class TranslationRecord(models.Model):
    item_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    item_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=8)
    source = models.JSONField(help_text="The English fields the translation was brought up to date with.")
    synced_at = models.DateTimeField(default=timezone.now)
    synced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item_type", "item_id", "language"], name="translations_one_per_item"),
        ]
        permissions = [("mark_translated", "Can mark a translation up to date")]

    def __str__(self):
        return f"{self.language} translation of {self.item_type.name} {self.item_id}"
