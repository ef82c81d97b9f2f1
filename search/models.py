from django.apps import apps
from django.conf import settings
from django.db import models


class SearchDocument(models.Model):
    """The searchable text of one section, event or photograph, kept in step with it on every save.

    One row per object and language it has text in (documents.py). Visibility is not stored here:
    publication depends on schedules and on the sections above a section, so it is checked against the real
    rows when a search runs (results.py). The full-text index over ``title_words`` and ``body_words`` is made
    by migration 0003: an FTS5 table kept in step by triggers on SQLite, a stored tsvector column with a GIN
    index on PostgreSQL.
    """

    class Kind(models.TextChoices):
        SECTION = "section", "Section"
        EVENT = "event", "Event"
        PHOTO = "photo", "Photograph"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    # As shown in results (the snippet is cut from the body).
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    # As matched: the words of the title and body (search/words.py), which the full-text index reads.
    title_words = models.TextField(blank=True)
    body_words = models.TextField(blank=True)
    # The object's only document (it has text in no other language): in a search in another language, it
    # stands in for the missing translation when the site shows untranslated text (results.search).
    sole = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "object_id", "language"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "language"], name="search_document_unique_object"),
            models.CheckConstraint(
                condition=models.Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="search_document_known_language",
            ),
        ]
        # The few documents that stand in for translations, found without reading the many that do not.
        indexes = [
            models.Index(fields=["language", "id"], condition=models.Q(sole=True), name="search_document_sole"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.object_id} ({self.language}): {self.title}"

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
# Where photographs are shown: a photograph is searchable once it is placed (documents.is_listed).
PLACEMENT_MODEL = "photos.PhotoPlacement"
