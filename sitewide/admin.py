from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from reversion.admin import VersionAdmin

from publishing.edition_admin import EditionAdminMixin

from .languages import JAPANESE_FIELDSET as JAPANESE
from .models import FooterLink, PhoneLine, SiteSettings


class PhoneLineInline(admin.TabularInline):
    model = PhoneLine
    fields = ["label", "label_ja", "telephone", "fax", "position"]
    extra = 0


class FooterLinkInline(admin.TabularInline):
    model = FooterLink
    fields = ["page", "label", "label_ja", "position"]
    extra = 0


@admin.register(SiteSettings)
class SiteSettingsAdmin(EditionAdminMixin, VersionAdmin):
    """One row: the list view goes straight to it, and it can be neither added twice nor deleted.

    It is always public, so every change is a draft until a publisher publishes it.
    """

    inlines = [PhoneLineInline, FooterLinkInline]
    fieldsets = [
        (None, {"fields": ["embassy_name", "address", "copyright_line", "home_page"]}),
        (JAPANESE, {"fields": ["embassy_name_ja", "address_ja", "copyright_line_ja", "untranslated_content"]}),
    ]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        settings, _ = SiteSettings.objects.get_or_create(pk=1)
        return HttpResponseRedirect(reverse("admin:sitewide_sitesettings_change", args=[settings.pk]))


admin.site.site_header = "Embassy of Japan: site editing"
admin.site.site_title = "Embassy site editing"
admin.site.index_title = "Edit the site"
