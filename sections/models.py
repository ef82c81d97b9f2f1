from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from markdownx.models import MarkdownxField
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from embassy.markdown import render_markdown
from embassy.models import DatePrecision, Publishable, PublishableQuerySet


class SectionQuerySet(MP_NodeQuerySet, PublishableQuerySet):
    def pages(self):
        return self.filter(depth=1)


class SectionManager(MP_NodeManager):
    def get_queryset(self):
        return SectionQuerySet(self.model, using=self._db).order_by("path")

    def public(self, at=None):
        return self.get_queryset().public(at)

    def pages(self):
        return self.get_queryset().pages()

    def visible_ids(self, sections, at=None):
        """The ids of those ``sections`` the public can see (each, and every section above it, public), in one query.

        The query-efficient form of :meth:`Section.is_visible_to_public` for a list of sections.
        """
        steplen = self.model.steplen

        def lineage(section):
            return [section.path[: steplen * level] for level in range(1, section.depth + 1)]

        needed = {path for section in sections for path in lineage(section)}
        if not needed:
            return set()
        public = set(self.public(at).filter(path__in=needed).values_list("path", flat=True))
        return {section.pk for section in sections if all(path in public for path in lineage(section))}

    @transaction.atomic
    def move(self, node, target, pos=None):
        """Move ``node`` with its subsections, keeping each moved row's ``page`` column in step."""
        super().move(node, target, pos)
        moved = self.get(pk=node.pk)
        new_page = None if moved.depth == 1 else self.get(path=moved.root_path)
        self.filter(path__startswith=moved.path).exclude(pk=moved.pk).update(page=new_page or moved)
        self.filter(pk=moved.pk).update(page=new_page)


class Section(MP_Node, Publishable):
    """A node of the content tree.

    A top-level node is a *page* with its own URL (the "Overview of Japan-U.S.
    Relations"); the nodes below it are its numbered sections and subsections.
    Keeping them in one tree means the table of contents, the numbering and
    the body are all read from the same rows and cannot drift apart.
    Numbers are never stored: they come from the position among siblings.
    """

    title = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=100,
        help_text="Used in the address: a page's URL, or a section's anchor (#slug). "
        "Keep it when renaming so that links from elsewhere keep working.",
    )
    page = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The top-level page this section belongs to (empty for pages).",
    )
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One plain sentence. Used as the page's description for search engines and in listings.",
    )
    body = MarkdownxField(blank=True, help_text="Markdown. The preview beside the editor shows the public rendering.")
    body_html = models.TextField(editable=False, blank=True)
    publisher = models.CharField(
        max_length=200, blank=True, help_text='Pages only: who issues the page, e.g. "Embassy of Japan".'
    )
    dated = models.DateField(
        null=True, blank=True, help_text='Pages only: the date the page carries, e.g. "February 2009".'
    )
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the date to show: the day, the month or only the year.",
    )
    show_in_navigation = models.BooleanField(
        default=False, help_text="Pages only: list this page in the site's main navigation."
    )

    node_order_by = []  # order is set by staff, not sorted by a field
    objects = SectionManager()

    class Meta:
        ordering = ["path"]
        constraints = [
            *Publishable.Meta.constraints,
            models.UniqueConstraint(fields=["page", "slug"], name="section_slug_unique_in_page"),
            models.UniqueConstraint(fields=["slug"], condition=Q(depth=1), name="page_slug_unique"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_page(self):
        return self.depth == 1

    @property
    def root_path(self):
        return self.path[: self.steplen]

    def get_absolute_url(self):
        if self.is_page:
            return reverse("sections:page", kwargs={"slug": self.slug})
        return f"{reverse('sections:page', kwargs={'slug': self.page.slug})}#{self.slug}"

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        if self.depth and self.depth > 1 and self.page_id is None:
            self.page = Section.objects.get(path=self.root_path)
        elif self.depth == 1:
            self.page = None
        super().save(*args, **kwargs)

    def is_visible_to_public(self, at=None):
        """Whether this node and every node above it are public (one query)."""
        paths = [self.path[: self.steplen * level] for level in range(1, self.depth + 1)]
        return Section.objects.public(at).filter(path__in=paths).count() == self.depth


class RelatedLink(models.Model):
    """A link listed under "Related links" at the end of a section."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="related_links")
    title = models.CharField(max_length=255, help_text="What the reader will find, e.g. the page's own title.")
    url = models.URLField("URL", max_length=500)
    position = models.PositiveIntegerField(default=0, db_index=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title
