"""The translators' pages in the admin: a dashboard of pages by what needs translating, and a page's
sections with the English beside the translation, each section's state, and what changed in the English."""

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from sections.models import Section

from . import status
from .models import TranslationRecord

LANGUAGE = "ja"
LANGUAGE_NAME = "Japanese"


def page_sections(page):
    """The page and its sections, in reading order."""
    return list(Section.objects.get_tree(page))


@admin.register(TranslationRecord)
class TranslationAdmin(admin.ModelAdmin):
    """Listed in the admin's menu as "Translations"; its list is the dashboard."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("", wrap(self.dashboard_view), name="translations_translationrecord_changelist"),
            path("page/<int:pk>/", wrap(self.page_view), name="translations_page"),
            path("mark/<int:type_id>/<int:item_id>/", wrap(self.mark_view), name="translations_mark"),
        ]

    def _check_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied

    def dashboard_view(self, request):
        """Per page: how many sections are missing or out of date, the longest out of date first."""
        self._check_view(request)
        rows = []
        for page in Section.objects.pages().order_by("path"):
            states = status.states_of(page_sections(page), LANGUAGE)
            missing = sum(1 for state in states if state.state == status.State.MISSING)
            stale = [state for state in states if state.state == status.State.OUT_OF_DATE]
            dated = [state.since for state in stale if state.since]
            rows.append(
                {
                    "page": page,
                    "url": reverse("admin:translations_page", args=[page.pk]),
                    "sections": len(states),
                    "missing": missing,
                    "out_of_date": len(stale),
                    "oldest": min(dated) if dated else None,
                }
            )
        # The longest out of date first; pages with nothing to do last.
        rows.sort(key=lambda row: (not (row["missing"] or row["out_of_date"]), row["oldest"] is None,
                                   row["oldest"] or 0, row["page"].path))  # fmt: skip
        context = {
            **self.admin_site.each_context(request),
            "title": f"Translations into {LANGUAGE_NAME}",
            "opts": self.model._meta,
            "rows": rows,
        }
        return TemplateResponse(request, "admin/translations/dashboard.html", context)

    def page_view(self, request, pk):
        """The English beside the translation, section by section, with each section's state."""
        self._check_view(request)
        page = get_object_or_404(Section.objects.pages(), pk=pk)
        states = status.states_of(page_sections(page), LANGUAGE)
        type_id = ContentType.objects.get_for_model(Section).pk
        rows = [
            {
                "state": state,
                "english": status.english_of(state.item),
                "translation": status.translation_of(state.item, LANGUAGE),
                "edit_url": reverse("admin:sections_section_change", args=[state.item.pk]),
                "mark_url": reverse("admin:translations_mark", args=[type_id, state.item.pk]),
            }
            for state in states
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Translate “{page}” into {LANGUAGE_NAME}",
            "opts": self.model._meta,
            "page": page,
            "rows": rows,
            "can_mark": request.user.has_perm("translations.mark_translated"),
        }
        return TemplateResponse(request, "admin/translations/page.html", context)

    def mark_view(self, request, type_id, item_id):
        """POST: the translation of one item follows its English as it is now."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("translations.mark_translated"):
            raise PermissionDenied
        item_type = get_object_or_404(ContentType, pk=type_id)
        model = item_type.model_class()
        if model is not Section:
            raise Http404("Only sections are translated here.")
        item = get_object_or_404(model, pk=item_id)
        if not any(text.strip() for text in status.translation_of(item, LANGUAGE).values()):
            self.message_user(request, f"“{item}” has no {LANGUAGE_NAME} text yet: nothing to mark.", messages.ERROR)
        else:
            status.mark_up_to_date(item, LANGUAGE, request.user)
            self.log_change(request, item, f"{LANGUAGE_NAME} translation marked up to date.")
            self.message_user(request, f"The {LANGUAGE_NAME} translation of “{item}” is marked up to date.")
        page = item.page or item
        return HttpResponseRedirect(reverse("admin:translations_page", args=[page.pk]) + f"#item-{item.pk}")
