from django.contrib import admin
from reversion.admin import VersionAdmin

from publishing.admin import PublishableForm, PublishingAdminMixin
from publishing.edition_admin import EditionStateFilter
from sitewide.languages import JAPANESE_FIELDSET as JAPANESE

from .models import Closure


class ClosureAdminForm(PublishableForm):
    class Meta:
        model = Closure
        exclude = ["version"]


@admin.register(Closure)
class ClosureAdmin(PublishingAdminMixin, VersionAdmin):
    form = ClosureAdminForm
    list_display = ["day", "office", "reason", "edition_state"]
    list_filter = [EditionStateFilter, "office"]
    search_fields = ["reason"]
    date_hierarchy = "day"
    fieldsets = [
        (None, {"fields": ["day", "office", "reason", "edit_version"]}),
        (JAPANESE, {"fields": ["reason_ja"]}),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at", "change_note"]}),
    ]

    class Media:
        css = {"all": ["embassy/admin.css"]}
