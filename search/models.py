from django.apps import apps
from django.db import models


class SearchDocument(models.Model):
    """The searchable text of one section, event or photograph, kept in step with it on every save.

    Visibility is not stored here: publication depends on schedules and on the
    sections above a section, so it is checked against the real rows when a
    search runs. On SQLite an FTS5 index mirrors this table through triggers
    (see migration 0002); on PostgreSQL the text is searched directly.
    """

    class Kind(models.TextChoices):
        SECTION = "section", "Section"
        EVENT = "event", "Event"
        PHOTO = "photo", "Photograph"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "object_id"]
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique_object")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.object_id}: {self.title}"

    def get_absolute_url(self):
        """The address of the object this text belongs to (search results link there, not here)."""
        target = apps.get_model(SOURCE_MODELS[self.kind]).objects.filter(pk=self.object_id).first()
        return target.get_absolute_url() if target else ""


# The model whose rows each kind of document indexes (as labels: migrations give their own app registry).
SOURCE_MODELS = {
    SearchDocument.Kind.SECTION: "sections.Section",
    SearchDocument.Kind.EVENT: "events.Event",
    SearchDocument.Kind.PHOTO: "photos.Photo",
}
