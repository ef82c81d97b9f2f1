from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from treebeard.admin import TreeAdmin

from photos.admin import SectionPhotoInline

from .forms import SectionAdminForm
from .models import RelatedLink, Section
from .numbering import full_numbers

# A link typed without a scheme is taken to be https (Django 6's default).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    formfield_overrides = HTTPS_URLS
    extra = 0
    fields = ["title", "url", "position"]
    ordering = ["position"]


class PageFilter(admin.SimpleListFilter):
    title = "page"
    parameter_name = "page"

    def lookups(self, request, model_admin):
        return [(str(page.pk), page.title) for page in Section.objects.pages()]

    def queryset(self, request, queryset):
        if self.value():
            # The value comes from the address bar: anything but a page's id shows an empty list.
            page = Section.objects.pages().filter(pk=self.value()).first() if self.value().isdigit() else None
            return queryset.filter(path__startswith=page.path) if page else queryset.none()
        return queryset


@admin.register(Section)
class SectionAdmin(TreeAdmin):
    form = SectionAdminForm
    list_display = ["numbered_title", "slug", "status", "publish_at", "updated_at", "view_on_site_link"]
    list_filter = ["status", PageFilter, "depth"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectionPhotoInline, RelatedLinkInline]
    list_per_page = 100
    list_select_related = ["page"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (
            "Place in the tree",
            {
                "fields": ["treebeard_position", "treebeard_ref_node"],
                "description": "Choose where this section sits. Numbers follow from the order.",
            },
        ),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at"]}),
        (
            "For top-level pages only",
            {"fields": ["publisher", "dated", "date_precision", "show_in_navigation"], "classes": ["collapse"]},
        ),
    ]

    class Media:
        css = {"all": ["embassy/admin.css"]}

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # One query for the whole tree's paths gives every row its number ("2.(3)").
        labels = full_numbers(Section.objects.values_list("path", flat=True), Section.steplen)
        for section in changelist.result_list:
            section.number_label = labels.get(section.path, "")
        return changelist

    @admin.display(description="Title", ordering="path")
    def numbered_title(self, section):
        number = getattr(section, "number_label", "")
        if section.is_page:
            return format_html("<strong>{}</strong> <span class='section-kind'>(page)</span>", section.title)
        return format_html("<span class='section-number'>{}</span> {}", number, section.title)

    @admin.display(description="")
    def view_on_site_link(self, section):
        return format_html('<a href="{}">View</a>', section.get_absolute_url())
