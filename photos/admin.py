from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from reversion_compare.admin import CompareVersionAdmin

from embassy.admin_publishing import PlacementGateFormSet, PublishingAdminMixin

from .forms import PhotoForm
from .models import Photo, PhotoPlacement


def thumbnail(photo, width=80):
    if not photo:
        return "—"
    if not photo.image:
        return format_html('<span class="image-missing">{}</span>', "image missing")
    return format_html('<img src="{}" width="{}" alt="" class="photo-thumbnail">', photo.image.url, width)


class PhotoPlacementInline(admin.TabularInline):
    """Photographs shown in a section or an event, in order."""

    model = PhotoPlacement
    formset = PlacementGateFormSet
    extra = 0
    autocomplete_fields = ["photo"]
    fields = ["photo", "position", "preview"]
    readonly_fields = ["preview"]
    ordering = ["position"]
    verbose_name = "photograph"
    verbose_name_plural = "photographs"

    @admin.display(description="Preview")
    def preview(self, placement):
        return thumbnail(placement.photo if placement.photo_id else None)


class SectionPhotoInline(PhotoPlacementInline):
    fk_name = "section"
    exclude = ["event"]


class EventPhotoInline(PhotoPlacementInline):
    fk_name = "event"
    exclude = ["section"]


class MissingAltTextFilter(admin.SimpleListFilter):
    title = "alt text"
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("missing", "Missing alt text"), ("present", "Has alt text")]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(alt_text="")
        if self.value() == "present":
            return queryset.exclude(alt_text="")
        return queryset


@admin.register(Photo)
class PhotoAdmin(PublishingAdminMixin, CompareVersionAdmin):
    form = PhotoForm
    publish_permission = "photos.publish_photo"
    list_display = ["list_thumbnail", "caption", "credit", "status", "dimensions", "created_at"]
    list_display_links = ["list_thumbnail", "caption"]
    list_filter = ["status", MissingAltTextFilter, "is_placeholder", "licence"]
    search_fields = ["caption", "credit", "alt_text", "original_filename", "copyright_holder"]
    date_hierarchy = "created_at"
    list_per_page = 50
    readonly_fields = ["large_preview", "original_filename", "dimensions", "used_in"]

    class Media:
        css = {"all": ["embassy/admin.css"]}

    fieldsets = [
        (None, {"fields": ["image", "large_preview", "caption", "credit", "alt_text", "taken_on"]}),
        ("Rights", {"fields": ["copyright_holder", "licence", "source_url", "rights_expire_on"]}),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at", "edit_version"]}),
        ("About the file", {"fields": ["original_filename", "dimensions", "is_placeholder", "used_in"]}),
    ]

    @admin.display(description="Image")
    def list_thumbnail(self, photo):
        return thumbnail(photo)

    @admin.display(description="Preview")
    def large_preview(self, photo):
        return thumbnail(photo, width=320)

    @admin.display(description="Size")
    def dimensions(self, photo):
        return f"{photo.width}×{photo.height}" if photo.width else "—"

    @admin.display(description="Used in")
    def used_in(self, photo):
        if not photo.pk:
            return "—"
        places = [
            placement.section or placement.event for placement in photo.placements.select_related("section", "event")
        ]
        if not places:
            return "Not used anywhere yet."
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((place,) for place in places)))

    def view_on_site(self, photo):
        return reverse("photos:preview", args=[photo.pk])

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
