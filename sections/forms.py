from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.html import format_html
from treebeard.forms import MoveNodeForm, TreeNodeChoiceField

from photos.inline import inline_photo_problems
from publishing.admin import PublishableForm
from publishing.gate import heading_problems

from .models import Section, page_slug_problem
from .numbering import full_numbers


class SectionChoiceField(TreeNodeChoiceField):
    """Treebeard's "Relative to" list, each entry with its number and its page: many pages have an "Overview"."""

    numbers = None  # {path: "2.(3)"}, set with the queryset (SectionForm._set_ref_model_queryset)
    page_titles = None  # {page pk: title}

    def label_from_instance(self, section):
        indent = self._get_indent(section)
        if section.depth == 1:
            return format_html("{}{} (page)", indent, section.title)
        number = (self.numbers or {}).get(section.path, "")
        page = (self.page_titles or {}).get(section.page_id, "")
        return format_html("{}{} {} — in “{}”", indent, number, section.title, page)


class SectionForm(MoveNodeForm):
    """The section editor: content fields plus treebeard's "Position" and "Relative to" for placing it."""

    treebeard_ref_node = SectionChoiceField(required=False, label="Relative to", empty_label="-- root --",
                                            queryset=None)  # fmt: skip

    def _set_ref_model_queryset(self, opts, instance):
        # Treebeard offers every section of the site as "Relative to": 1,570 options on the large site, whose
        # rendering took most of the 770 ms the change form needed to open (bench/admin_edit.py; 180 ms with
        # this). An existing section is placed within its own page, or relative to a page.
        super()._set_ref_model_queryset(opts, instance)
        if instance is not None and instance.pk:
            field = self.fields["treebeard_ref_node"]
            field.queryset = field.queryset.filter(Q(depth=1) | Q(page_id=instance.page_id or instance.pk))
        field = self.fields["treebeard_ref_node"]
        # Two small queries, whatever the length of the list: the paths of the pages listed (numbers count every
        # sibling before a section), and the titles of the pages, which are few.
        listed_pages = field.queryset.exclude(page=None).values("page_id")
        paths = Section.objects.filter(page_id__in=listed_pages).order_by("path").values_list("path", flat=True)
        field.numbers = full_numbers(paths, Section.steplen)
        field.page_titles = dict(Section.objects.pages().values_list("pk", "title"))

    def clean(self):
        cleaned = super().clean()
        slug = cleaned.get("slug")
        if slug and "treebeard_position" in cleaned:
            self._check_slug_free_in_target_page(slug, cleaned.get("treebeard_ref_node"), cleaned["treebeard_position"])
        return cleaned

    def _check_slug_free_in_target_page(self, slug, reference, position):
        """Anchors must stay unique within a page, also after a section moves to another page."""
        becomes_page = reference is None or (reference.depth == 1 and position in ("left", "right"))
        moving = Section.objects.none()
        if self.instance.pk:
            moving = Section.objects.filter(path__startswith=self.instance.path)
        if becomes_page:
            problem = page_slug_problem(slug)
            if problem:
                raise ValidationError({"slug": problem})
            clash = Section.objects.pages().filter(slug=slug).exclude(pk=self.instance.pk).exists()
            if clash:
                raise ValidationError({"slug": "Another page already uses this slug."})
            return
        target_root = Section.objects.get(path=reference.root_path)
        in_target = Section.objects.filter(page=target_root).exclude(pk__in=moving.values("pk"))
        moving_slugs = set(moving.exclude(pk=self.instance.pk).values_list("slug", flat=True)) | {slug}
        clashes = sorted(set(in_target.filter(slug__in=moving_slugs).values_list("slug", flat=True)))
        if clashes:
            raise ValidationError(
                {"slug": f"The page “{target_root}” already has sections with these slugs: {', '.join(clashes)}."}
            )


def target_depth(instance, reference, position):
    """The depth a section will have once saved with treebeard's "Position" and "Relative to"."""
    if reference is None:
        return 1 if position in ("first-child", "left", "right") and not instance.pk else (instance.depth or 1)
    return reference.depth + 1 if position in ("first-child", "sorted-child", "last-child") else reference.depth


class SectionAdminForm(PublishableForm, SectionForm):
    def publish_problems(self, cleaned):
        reference = cleaned.get("treebeard_ref_node")
        position = cleaned.get("treebeard_position")
        if (
            "treebeard_ref_node" in self.changed_data
            or "treebeard_position" in self.changed_data
            or not self.instance.pk
        ):
            depth = target_depth(self.instance, reference, position)
        else:
            depth = self.instance.depth
        return heading_problems(cleaned.get("body", ""), min(depth, 6)) + inline_photo_problems(cleaned)

    class Meta:
        model = Section
        exclude = ["path", "depth", "numchild", "page", "body_html"]
        widgets = {"summary": forms.TextInput(attrs={"size": 100})}
