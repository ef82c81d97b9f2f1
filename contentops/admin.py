import datetime

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from sections.admin import SectionAdmin
from sections.models import Section

from .models import CheckedURL, LinkOccurrence, Outcome

DUE_SOON_DAYS = 30


class ResultFilter(admin.SimpleListFilter):
    """The list opens on what needs an editor: broken and redirected links."""

    title = "result"
    parameter_name = "result"
    default = "attention"

    def lookups(self, request, model_admin):
        return [
            ("attention", "Broken or redirected"),
            ("broken", "Broken (any)"),
            (Outcome.CLIENT_ERROR, "4xx"),
            (Outcome.SERVER_ERROR, "5xx"),
            (Outcome.NO_RESPONSE, "No response"),
            (Outcome.REDIRECTED, "Redirected"),
            (Outcome.OK, "Working"),
            ("all", "All"),
        ]

    def value(self):
        return super().value() or self.default

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value == "attention":
            return queryset.needing_attention()
        if value == "broken":
            return queryset.broken()
        if value in Outcome.values:
            return queryset.filter(outcome=value)
        return queryset


class LinkPageFilter(admin.SimpleListFilter):
    title = "page"
    parameter_name = "page"

    def lookups(self, request, model_admin):
        return [(str(page.pk), page.title) for page in Section.objects.pages()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(occurrences__page_id=self.value()).distinct()
        return queryset


class LinkSectionFilter(admin.SimpleListFilter):
    """Shown only when the list was opened from a section's page (its "broken links" flag)."""

    title = "section"
    parameter_name = "section"

    def lookups(self, request, model_admin):
        value = request.GET.get(self.parameter_name)
        section = Section.objects.filter(pk=value).first() if value and value.isdigit() else None
        return [(str(section.pk), section.title)] if section else []

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(occurrences__section_id=self.value()).distinct()
        return queryset


def place_link(occurrence):
    place = occurrence.place
    if place is None:
        return "—"
    page = (
        f" (page: {occurrence.page})" if occurrence.page_id and occurrence.page_id != getattr(place, "pk", None) else ""
    )
    return format_html(
        '<a href="{}">{}</a> <span class="quiet">{}{}</span>',
        occurrence.get_absolute_url(),
        place,
        occurrence.get_kind_display().lower(),
        page,
    )


class LinkOccurrenceInline(admin.TabularInline):
    model = LinkOccurrence
    fields = ["where", "link_text"]
    readonly_fields = ["where", "link_text"]
    extra = 0
    can_delete = False
    verbose_name = "place where the link appears"
    verbose_name_plural = "where the link appears"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Where")
    def where(self, occurrence):
        return place_link(occurrence)


@admin.register(CheckedURL)
class CheckedURLAdmin(admin.ModelAdmin):
    """Results of ``manage.py check_links``: read here, fixed in the sections and events they point to."""

    list_display = ["url_link", "result", "status_code", "final_url_if_moved", "where", "checked_at"]
    list_display_links = None
    list_filter = [ResultFilter, LinkPageFilter, LinkSectionFilter, "host"]
    search_fields = ["url", "final_url", "occurrences__link_text"]
    readonly_fields = ["url", "outcome", "status_code", "error", "final_url", "chain", "checked_at"]
    fields = readonly_fields
    inlines = [LinkOccurrenceInline]
    list_per_page = 100
    actions = None

    class Media:
        css = {"all": ["embassy/admin.css"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("occurrences__section", "occurrences__event", "occurrences__page")
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the next check writes the rows again; fix the content instead

    @admin.display(description="Link", ordering="url")
    def url_link(self, row):
        return format_html(
            '<a href="{}">{}</a><br><a class="quiet" href="{}" rel="noopener noreferrer">open</a>',
            reverse("admin:contentops_checkedurl_change", args=[row.pk]),
            row.url,
            row.url,
        )

    @admin.display(description="Result", ordering="outcome")
    def result(self, row):
        label = row.get_outcome_display() or "Not checked"
        if not row.error:
            return format_html('<span class="link-result link-result--{}">{}</span>', row.outcome, label)
        return format_html(
            '<span class="link-result link-result--{}">{}</span><br><span class="quiet">{}</span>',
            row.outcome,
            label,
            row.error,
        )

    @admin.display(description="Now at")
    def final_url_if_moved(self, row):
        if not row.final_url or row.final_url == row.url:
            return "—"
        return row.final_url

    @admin.display(description="Where it appears")
    def where(self, row):
        occurrences = list(row.occurrences.all())
        if not occurrences:
            return "—"
        return format_html("<ul class='link-places'>{}</ul>", format_html_join("", "<li>{}</li>", (
            (place_link(occurrence),) for occurrence in occurrences
        )))  # fmt: skip

    @admin.display(description="Redirects followed")
    def chain(self, row):
        if not row.redirect_chain:
            return "None"
        return format_html(
            "<ol>{}</ol><p>Ends at {}</p>",
            format_html_join("", "<li>{} from {}</li>", ((hop["status"], hop["url"]) for hop in row.redirect_chain)),
            row.final_url,
        )


# --------------------------------------------------------------------------------------------------
# Additions to the section admin: its review date and its broken links
# --------------------------------------------------------------------------------------------------


class ReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue for review"),
            ("soon", f"Due within {DUE_SOON_DAYS} days"),
            ("none", "No review date"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(review_by__lt=today)
        if self.value() == "soon":
            return queryset.filter(review_by__gte=today, review_by__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
        if self.value() == "none":
            return queryset.filter(review_by__isnull=True)
        return queryset


def broken_links_of(section):
    return CheckedURL.objects.broken().filter(occurrences__section=section).distinct().order_by("url")


class SectionReviewAndLinksMixin:
    """Mixed into ``SectionAdmin``: the review date field, a review filter, and a flag for broken links."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return [*fieldsets, ("Review and links", {"fields": ["review_by", "broken_links"]})]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "broken_links"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ReviewFilter]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and object_id and str(object_id).isdigit():
            section = Section.objects.filter(pk=object_id).first()
            count = broken_links_of(section).count() if section else 0
            if count:
                messages.warning(
                    request,
                    f"This section has {count} broken link{'s' if count != 1 else ''}: see “Review and links” below.",
                )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="Broken links")
    def broken_links(self, section):
        if section is None or not section.pk:
            return "—"
        broken = list(broken_links_of(section))
        if not broken:
            checked = CheckedURL.objects.filter(occurrences__section=section).exists()
            return "None found by the last link check." if checked else "Not checked yet."
        items = format_html_join(
            "",
            '<li><span class="link-result link-result--{}">{}</span> {} — <a href="{}">details</a></li>',
            ((row.outcome, row.status_code or row.get_outcome_display(), row.url, row.get_absolute_url())
             for row in broken),
        )  # fmt: skip
        return format_html(
            '<ul class="broken-links">{}</ul><a href="{}?section={}&amp;result=all">All links of this section</a>',
            items,
            reverse("admin:contentops_checkedurl_changelist"),
            section.pk,
        )


class SectionWithReviewAndLinksAdmin(SectionReviewAndLinksMixin, SectionAdmin):
    """The sections' admin, with what content operations add to it (the sections app knows nothing of them)."""


admin.site.unregister(Section)
admin.site.register(Section, SectionWithReviewAndLinksAdmin)
