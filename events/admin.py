from django import forms
from django.contrib import admin
from reversion.admin import VersionAdmin

from photos.admin import EventPhotoInline
from photos.inline import inline_photo_problems
from publishing.admin import PublishableForm, PublishingAdminMixin
from publishing.edition_admin import EditionStateFilter
from publishing.gate import heading_problems
from sitewide.languages import JAPANESE_FIELDSET as JAPANESE

from .models import Event


class EventAdminForm(PublishableForm):
    def publish_problems(self, cleaned):
        # The event page's title is the h1, so body headings start at h2.
        return heading_problems(cleaned.get("body", ""), 1) + inline_photo_problems(cleaned)

    class Meta:
        model = Event
        exclude = ["body_html", "version"]
        widgets = {"summary": forms.TextInput(attrs={"size": 100})}


@admin.register(Event)
class EventAdmin(PublishingAdminMixin, VersionAdmin):
    form = EventAdminForm
    list_display = ["title", "starts_on", "location", "section", "edition_state"]
    list_filter = [EditionStateFilter, "date_precision", ("section", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "location", "participants", "summary", "body"]
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["section"]
    list_select_related = ["section"]
    list_per_page = 50
    inlines = [EventPhotoInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "summary", "body", "edit_version"]}),
        (
            "When and where",
            {"fields": ["starts_on", "date_precision", "start_time", "ends_on", "location", "participants"]},
        ),
        (JAPANESE, {"fields": ["title_ja", "summary_ja", "body_ja", "location_ja", "participants_ja"]}),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at", "change_note"]}),
    ]

    class Media:
        css = {"all": ["embassy/content.css", "embassy/admin.css"]}
        js = ["sections/editor-preview.js", "embassy/vendor/axe-core-4.12.1.min.js", "sections/editor-checker.js"]

    def view_on_site(self, event):
        from django.urls import reverse

        return reverse("events:preview", args=[event.pk])
