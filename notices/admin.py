from django import forms
from django.contrib import admin
from reversion.admin import VersionAdmin

from publishing.admin import PublishableForm, PublishingAdminMixin
from publishing.edition_admin import EditionStateFilter
from sitewide.languages import JAPANESE_FIELDSET as JAPANESE

from .models import Notice, NoticePage


class NoticeAdminForm(PublishableForm):
    class Meta:
        model = Notice
        exclude = ["version"]
        widgets = {
            "title": forms.TextInput(attrs={"size": 80}),
            "title_ja": forms.TextInput(attrs={"size": 80}),
            "text": forms.Textarea(attrs={"rows": 3, "cols": 80}),
            "text_ja": forms.Textarea(attrs={"rows": 3, "cols": 80}),
        }


class NoticePageInline(admin.TabularInline):
    model = NoticePage
    extra = 0
    autocomplete_fields = ["page"]


@admin.register(Notice)
class NoticeAdmin(PublishingAdminMixin, VersionAdmin):
    form = NoticeAdminForm
    list_display = ["title", "severity", "publish_at", "unpublish_at", "edition_state"]
    list_filter = [EditionStateFilter, "severity"]
    search_fields = ["title", "text"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["follows"]
    inlines = [NoticePageInline]
    fieldsets = [
        (None, {"fields": ["severity", "title", "text", "follows", "edit_version"]}),
        (JAPANESE, {"fields": ["title_ja", "text_ja"]}),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at", "change_note"]}),
    ]

    class Media:
        css = {"all": ["embassy/admin.css"]}
