import secrets
from datetime import timedelta

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from events.models import Event
from markup.dates import DatePrecision
from markup.markdown import URL_SCHEMES, render_bodies, validate_markdown
from markup.validators import validate_no_control_characters
from photos.inline import inline_photo_problems, inline_photos, language_bodies
from publishing.gate import heading_problems, link_problems, placement_problems
from publishing.models import PublicContent, Publishable, PublishableQuerySet, Status, public_condition
from publishing.pagecache import content_changed

# Top-level addresses the site itself uses: a page with one of these slugs could never be reached. The language
# prefixes too: /ja/ is the Japanese site.
FIXED_TOP_LEVEL_ADDRESSES = frozenset(
    {"admin", "events", "search", "markdownx", "media", "static", "photos", "photo-credits", "preview", "share"}
    | {code for code, _name in settings.LANGUAGES}
)
# A related link is a web address (a URLField) with a scheme the sanitiser also lets through in texts.
LINK_SCHEMES = sorted(URL_SCHEMES & set(URLValidator.schemes))


def is_slug(text):
    return bool(validate_slug.regex.fullmatch(text))


def reserved_page_slugs():
    """The fixed addresses, and the admin's first path segment wherever DJANGO_ADMIN_URL puts it."""
    admin_segment = settings.ADMIN_URL.strip("/").split("/")[0]
    return FIXED_TOP_LEVEL_ADDRESSES | {admin_segment}


def page_slug_problem(slug):
    """Why ``slug`` cannot be a page's, or None."""
    if slug in reserved_page_slugs():
        return f"“{slug}” is an address the site already uses; choose another slug."
    return None


class SectionQuerySet(MP_NodeQuerySet, PublishableQuerySet):
    def pages(self):
        return self.filter(depth=1)

    def visible(self, at=None):
        """The sections the public may see at ``at``: each one public, and every section above it public too.

        The one place this rule is written; the page tree, feeds, sitemap, search and photo credits use it.
        A published subsection of a draft section stays hidden with it.
        """
        at = at or timezone.now()
        hidden = Section.objects.exclude(public_condition(at))
        # Every ancestor of a section is its page or on its page: both lookups use an index on the page column,
        # where a prefix match over the whole table would scan it once per row.
        hidden_page = hidden.filter(pk=OuterRef("page"))
        hidden_section_above = (
            hidden.filter(page=OuterRef("page"), depth__lt=OuterRef("depth"))
            .annotate(outer_prefix=Substr(OuterRef("path"), 1, F("depth") * Section.steplen))
            .filter(path=F("outer_prefix"))
        )
        return self.public(at).exclude(Exists(hidden_page)).exclude(Exists(hidden_section_above))


class SectionManager(MP_NodeManager):
    def get_queryset(self):
        return SectionQuerySet(self.model, using=self._db).order_by("path")

    def public(self, at=None):
        return self.get_queryset().public(at)

    def visible(self, at=None):
        return self.get_queryset().visible(at)

    def pages(self):
        return self.get_queryset().pages()

    @transaction.atomic
    def move(self, node, target, pos=None):
        """Move ``node`` with its subsections, keeping each moved row's ``page`` column in step."""
        super().move(node, target, pos)
        moved = self.get(pk=node.pk)
        new_page = None if moved.depth == 1 else self.get(path=moved.root_path)
        self.filter(path__startswith=moved.path).exclude(pk=moved.pk).update(page=new_page or moved)
        self.filter(pk=moved.pk).update(page=new_page)
        content_changed()


@reversion.register(follow=["related_links", "photo_placements"])
class Section(MP_Node, Publishable):
    """A node of the content tree.

    A top-level node is a *page* with its own URL (the "Overview of Japan-U.S.
    Relations"); the nodes below it are its numbered sections and subsections.
    Keeping them in one tree means the table of contents, the numbering and
    the body are all read from the same rows and cannot drift apart.
    Numbers are never stored: they come from the position among siblings.
    """

    title = models.CharField(max_length=255, validators=[validate_no_control_characters])
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
        validators=[validate_no_control_characters],
        help_text="One plain sentence. Used as the page's description for search engines and in listings.",
    )
    body = MarkdownxField(
        blank=True,
        validators=[validate_no_control_characters, validate_markdown],
        help_text="Markdown. The preview beside the editor shows the public rendering.",
    )
    body_html = models.TextField(editable=False, blank=True)
    publisher = models.CharField(
        max_length=200,
        blank=True,
        validators=[validate_no_control_characters],
        help_text='Pages only: who issues the page, e.g. "Embassy of Japan".',
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
    english_update_notice = models.BooleanField(
        "say when the English is newer",
        default=False,
        help_text="Pages only: the Japanese page says “英語版は○年○月○日に更新されました” while the English of any of "
        "its sections has changed since its Japanese was last brought up to date.",
    )
    # Kept by the translations app (translations.status.refresh_english_update): pages only; None while every
    # translation of the page follows its English. On the page's own row, so the page reads it without a query.
    english_updated_on = models.DateField(null=True, blank=True, editable=False)
    review_by = models.DateField(
        "review by",
        null=True,
        blank=True,
        db_index=True,
        help_text="When an editor should next check that this text is still accurate. Filled in as one year "
        "after publication when left empty; overdue pages and sections are listed on the admin home page.",
    )
    former_slugs = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Slugs this section had before, kept as extra anchors so that old links still arrive here.",
    )

    node_order_by = []  # order is set by staff, not sorted by a field
    # A revision must not move a section in the tree: it may have moved since.
    kept_on_revert = ("path", "depth", "numchild", "page")
    objects = SectionManager()

    class Meta:
        ordering = ["path"]
        permissions = [("publish_section", "Can publish, unpublish and schedule pages and sections")]
        constraints = [
            *Publishable.Meta.constraints,
            models.UniqueConstraint(fields=["page", "slug"], name="section_slug_unique_in_page"),
            models.UniqueConstraint(fields=["slug"], condition=Q(depth=1), name="page_slug_unique"),
        ]
        indexes = [
            # The pages alone, in tree order: the navigation and the footer read them on every uncached page.
            models.Index(fields=["path"], condition=Q(depth=1), name="section_pages_in_order"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_page(self):
        return self.depth == 1

    @property
    def heading_level(self):
        """The HTML heading level of this node's title: h1 for a page, h2 for its sections, and so on."""
        return min(self.depth, 6)

    @property
    def root_path(self):
        return self.path[: self.steplen]

    def get_absolute_url(self):
        if self.is_page:
            return reverse("sections:page", kwargs={"slug": self.slug})
        return f"{reverse('sections:page', kwargs={'slug': self.page.slug})}#{self.slug}"

    @property
    def has_own_url(self):
        """A page's top-level sections can also be read alone, at /<page>/<section>/."""
        return self.depth == 2

    def get_own_url(self):
        return reverse("sections:section", kwargs={"page_slug": self.page.slug, "slug": self.slug})

    def clean(self):
        super().clean()
        # Never typed by staff, but read on every page with renamed sections: imported values must fit.
        former = self.former_slugs
        if not isinstance(former, list) or not all(isinstance(slug, str) and is_slug(slug) for slug in former):
            raise ValidationError({"former_slugs": "Must be a list of slugs."})

    def render_body(self, render=None):
        """Each language's ``body_html`` is its ``body`` rendered (by save() and the importer's bulk writes)."""
        render_bodies(self, render)

    def save(self, *args, **kwargs):
        self.render_body()
        self._remember_former_slug()
        if self.depth and self.depth > 1 and self.page_id is None:
            self.page = Section.objects.get(path=self.root_path)
        elif self.depth == 1:
            self.page = None
        super().save(*args, **kwargs)

    def _remember_former_slug(self):
        """Keep the old slug when a section is renamed: the page renders it as an extra anchor."""
        if not self.pk:
            return
        previous = Section.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        former = [slug for slug in (self.former_slugs or []) if slug != self.slug]
        if previous and previous != self.slug and previous not in former:
            former.append(previous)
        self.former_slugs = former

    def publish_problems(self):
        problems = heading_problems(self.body, self.heading_level)
        for link in self.related_links.all():
            problems += link_problems(link)
        return problems + placement_problems(self) + inline_photo_problems(self)

    def history_page(self):
        return self.page or self

    def unpublished_companions(self):
        """The photographs this section shows (placed, or inside its text) and the events listed in it that are
        not yet published."""
        photos = [placement.photo for placement in self.photo_placements.select_related("photo")]
        photos = {photo.pk: photo for photo in photos + inline_photos(*language_bodies(self))}
        photos = [photo for photo in photos.values() if photo.status != Status.PUBLISHED]
        return photos + list(Event.objects.filter(section=self).exclude(status=Status.PUBLISHED))

    def is_visible_to_public(self, at=None):
        """Whether the public may see this section (see :meth:`SectionQuerySet.visible`)."""
        return Section.objects.visible(at).filter(pk=self.pk).exists()


@reversion.register()
class RelatedLink(PublicContent):
    """A link listed under "Related links" at the end of a section."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="related_links")
    title = models.CharField(
        max_length=255,
        blank=True,
        validators=[validate_no_control_characters],
        help_text="What the reader will find, e.g. the page's own title. Required to publish.",
    )
    url = models.URLField(
        "URL", max_length=500, validators=[validate_no_control_characters, URLValidator(schemes=LINK_SCHEMES)]
    )
    position = models.PositiveIntegerField(default=0, db_index=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


def default_share_expiry():
    return timezone.now() + timedelta(days=7)


def new_share_token():
    return secrets.token_urlsafe(32)


class ShareLinkQuerySet(models.QuerySet):
    def active(self, at=None):
        return self.filter(revoked_at__isnull=True, expires_at__gt=at or timezone.now())


class ShareLink(models.Model):
    """A secret, expiring address that shows a draft page to someone without an account (a reviewer)."""

    page = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="share_links", limit_choices_to={"depth": 1}
    )
    token = models.CharField(max_length=64, unique=True, default=new_share_token, editable=False)
    note = models.CharField(max_length=200, blank=True, help_text="Who the link is for, e.g. “Reviewer at MOFA”.")
    expires_at = models.DateTimeField(default=default_share_expiry, help_text="The link stops working at this time.")
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        # No quotation marks here: the admin's messages put the name inside their own ("The share link “…” was …").
        return f"{self.page}" + (f" ({self.note})" if self.note else "")

    def get_absolute_url(self):
        return reverse("sections:shared_page", kwargs={"token": self.token})

    def is_active(self, at=None):
        return self.revoked_at is None and self.expires_at > (at or timezone.now())


class DeletedSection(models.Model):
    """What is needed to bring back a deleted section with its subsections, photographs and links.

    The content itself is in the revision; this row remembers where in the tree it sat.
    """

    revision = models.OneToOneField("reversion.Revision", on_delete=models.CASCADE, related_name="deleted_section")
    title = models.CharField(max_length=255)
    section_pk = models.BigIntegerField()
    parent = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    position = models.PositiveIntegerField(help_text="Index among its siblings when it was deleted.")
    structure = models.JSONField(help_text="Each deleted node: its id, its parent's id, its events' ids.")
    deleted_at = models.DateTimeField(auto_now_add=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recovered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-deleted_at"]
        verbose_name = "deleted section"

    def __str__(self):
        return self.title
