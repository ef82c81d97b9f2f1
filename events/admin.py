from django import forms
from django.contrib import admin
from reversion.admin import VersionAdmin

from markup.dates import format_date
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
    # The place is on each event's page: without it the list fits a 1366 px laptop with its Status column.
    list_display = ["title", "when", "in_section", "edition_state"]
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
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at", "change_note", "change_note_ja"]}),
    ]

    class Media:
        css = {"all": ["embassy/content.css", "embassy/admin.css"]}
        js = ["sections/editor-preview.js", "embassy/vendor/axe-core-4.12.1.min.js", "sections/editor-checker.js"]

    @admin.display(description="Date", ordering="starts_on")
    def when(self, event):
        """As much of the date as is known: "2004", "February 2009", "February 24, 2009"."""
        return format_date(event.starts_on, event.date_precision)

    @admin.display(description="Section", ordering="section__title")
    def in_section(self, event):
        # A method, not the field: the admin keeps a foreign key's cell on one line, and section titles are long.
        return event.section.title if event.section else "—"

    def view_on_site(self, event):
        from django.urls import reverse

        return reverse("events:preview", args=[event.pk])
