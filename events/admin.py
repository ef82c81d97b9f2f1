from django.contrib import admin

from photos.admin import EventPhotoInline

from .models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_on", "location", "section", "status"]
    list_filter = ["status", "date_precision", ("section", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "location", "participants", "summary", "body"]
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["section"]
    list_select_related = ["section"]
    list_per_page = 50
    inlines = [EventPhotoInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "summary", "body"]}),
        (
            "When and where",
            {"fields": ["starts_on", "date_precision", "start_time", "ends_on", "location", "participants"]},
        ),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at"]}),
    ]
