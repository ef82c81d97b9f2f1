"""Editions in the admin: editing a live item's draft, its state, preview, compare and history.

Opening a live item applies its draft in a sandbox (:mod:`publishing.editions`) and lets Django's own change
form and inline formsets show and save it; what they saved is kept as the draft and the sandbox is rolled
back, so the published rows never change until a publisher publishes. The buttons under the form save the
draft and then submit, publish or schedule it, through :mod:`publishing.services`.
"""

from datetime import datetime

from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from reversion.models import Revision

from . import editions, services
from .diffs import list_diff, text_diff_html
from .models import Draft, DraftState, Status
from .registry import is_default_language_copy
from .roles import TRANSLATED_LANGUAGE, translator_only

# Columns no editor knows: tree bookkeeping, counters, generated HTML, image geometry.
INTERNAL_FIELDS = {"id", "path", "depth", "numchild", "page", "body_html", "version", "created_at", "updated_at",
                   "width", "height", "image", "status", "publish_at", "uploaded_by", "review_by"}  # fmt: skip


class EditionStateFilter(admin.SimpleListFilter):
    """The change list by what an editor needs to know: the states :func:`services.state_label` names."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft (never published)"),
            ("review", "Awaiting review"),
            ("published", "Published"),
            ("changed", "Published, with unpublished changes"),
            ("scheduled", "Scheduled"),
        ]

    def queryset(self, request, queryset):
        drafts = Draft.objects.filter(item_type=ContentType.objects.get_for_model(queryset.model))
        now = timezone.now()
        with_draft = Q(pk__in=drafts.values("item_id"))
        conditions = {
            "draft": Q(status=Status.DRAFT),
            "review": Q(status=Status.REVIEW) | Q(pk__in=drafts.filter(state=DraftState.REVIEW).values("item_id")),
            "published": Q(status=Status.PUBLISHED) & ~with_draft & ~Q(publish_at__gt=now),
            "changed": Q(status=Status.PUBLISHED) & with_draft,
            "scheduled": Q(status=Status.PUBLISHED, publish_at__gt=now)
            | Q(pk__in=drafts.filter(go_live_at__isnull=False).values("item_id")),
        }
        condition = conditions.get(self.value())
        return queryset if condition is None else queryset.filter(condition)


class EditionAdminMixin:
    """For the admin of a model with ``has_editions``: put it before the ModelAdmin class in the bases."""

    def can_publish(self, request):
        return services.may_publish(request.user, self.model)

    # The list -----------------------------------------------------------------------------------------

    def get_queryset(self, request):
        drafts = Draft.objects.filter(item_type=ContentType.objects.get_for_model(self.model), item_id=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(
                draft_state=Subquery(drafts.values("state")[:1]),
                draft_go_live_at=Subquery(drafts.values("go_live_at")[:1]),
            )
        )

    @admin.display(description="State")
    def edition_state(self, item):
        draft = None
        if getattr(item, "draft_state", None):
            draft = Draft(state=item.draft_state, go_live_at=item.draft_go_live_at)
        return services.state_label(item, draft)

    # The change form ----------------------------------------------------------------------------------

    def get_prepopulated_fields(self, request, obj=None):
        if translator_only(request.user):
            return {}  # a slug filled in from the title is the English side's, read-only for a translator
        return super().get_prepopulated_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if translator_only(request.user):
            # A translator changes the translation only: every other field of the form is shown, not edited.
            suffix = f"_{TRANSLATED_LANGUAGE}"
            fields += [field.name for field in self.model._meta.concrete_fields
                       if field.editable and not field.name.endswith(suffix) and field.name not in fields]  # fmt: skip
        if obj is not None and services.is_live(obj):
            # A live item's status and first publication are the buttons' business, not the form's.
            fields += [name for name in ("status", "publish_at") if hasattr(obj, name)]
        return fields

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        item = self.get_object(request, unquote(object_id)) if object_id else None
        if item is None or not services.is_live(item):
            return super().changeform_view(request, object_id, form_url, extra_context)
        if not self.has_view_or_change_permission(request, item):
            raise PermissionDenied
        return self._draft_changeform_view(request, item, object_id, form_url, extra_context)

    @transaction.atomic
    def _draft_changeform_view(self, request, item, object_id, form_url, extra_context):
        draft = services.draft_of(item, lock=request.method == "POST")
        context = {**(extra_context or {}), **self.edition_context(request, item, draft)}
        request.edition_saved = None
        with editions.sandbox():
            if draft is not None:
                editions.apply_snapshot(item, draft.revision, exact_version=True)
            response = super().changeform_view(request, object_id, form_url, context)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # inside the sandbox: the form shows the draft
            saved = request.edition_saved
            states = editions.snapshot(saved) if saved is not None else None
        item.refresh_from_db()
        if states is None:
            return response
        services.save_draft(
            item,
            states,
            request.user,
            note=getattr(request, "edition_note", ""),
            note_ja=getattr(request, "edition_note_ja", ""),
        )
        self.change_at_once(request, item)
        return self._after_draft_saved(request, item)

    def change_at_once(self, request, item):
        """What a save changes on the live item at once rather than in its draft (a section's move)."""

    def _after_draft_saved(self, request, item):
        name = f"“{item}”"
        stay = HttpResponseRedirect(request.path)
        try:
            if "_publish" in request.POST:
                services.publish_draft(item, request.user, with_companions="with_companions" in request.POST)
                self.message_user(request, f"{name} is published: the public now sees your changes.")
                return HttpResponseRedirect(self._admin_url("changelist"))
            if "_schedule" in request.POST:
                at = parse_local_moment(request.POST.get("go_live_at", ""))
                services.schedule_draft(item, at, request.user, with_companions="with_companions" in request.POST)
                self.message_user(request, f"{name} will change on {services.format_moment(at)}; until then the "
                                  "public sees the published version.")  # fmt: skip
                return stay
            if "_submit" in request.POST:
                services.submit_draft(item, request.user)
                self.message_user(request, f"Your changes to {name} are saved and wait for a publisher's review. "
                                  "The public still sees the published version.")  # fmt: skip
                return stay
        except (ValidationError, PermissionDenied) as refusal:
            reasons = getattr(refusal, "messages", None) or [str(refusal)]
            self.message_user(request, f"Your changes to {name} are saved as a draft but were not published: "
                              + " ".join(reasons), messages.ERROR)  # fmt: skip
            return stay
        self.message_user(request, f"Your changes to {name} are saved as a draft. The public still sees the "
                          "published version.")  # fmt: skip
        return stay

    def _admin_url(self, view, *args):
        """The address of one of this model's admin pages ("changelist", "change", "history", "compare", …)."""
        return reverse(admin_urlname(self.model._meta, view), args=args)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and editions.in_sandbox.get():
            request.edition_saved = obj
            cleaned = getattr(form, "cleaned_data", {})
            request.edition_note = cleaned.get("change_note", "")
            request.edition_note_ja = cleaned.get("change_note_ja", "")

    def response_change(self, request, obj):
        if getattr(request, "edition_saved", None) is not None:
            return HttpResponseRedirect(request.path)  # the message comes once the draft is kept
        return super().response_change(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # A draft of a live item may be incomplete: the gate checks it when it is published.
        form.drafting = obj is not None and services.is_live(obj)
        return form

    def edition_context(self, request, item, draft):
        return {
            "edition": {
                "state": services.state_label(item, draft),
                "draft": draft,
                "can_publish": self.can_publish(request),
                "compare_url": self._admin_url("compare", item.pk),
                "preview_url": self.get_view_on_site_url(item),
                "history_url": self._admin_url("history", item.pk),
                "action_url": self._admin_url("edition_action", item.pk),
                "companions": [],
            }
        }

    # Extra pages --------------------------------------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        base = f"{opts.app_label}_{opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/compare/", wrap(self.compare_view), name=f"{base}_compare"),
            path("<path:object_id>/edition/", wrap(self.edition_action_view), name=f"{base}_edition_action"),
            *super().get_urls(),
        ]

    def _item_or_404(self, request, object_id):
        item = self.get_object(request, unquote(object_id))
        if item is None or not self.has_view_or_change_permission(request, item):
            raise Http404("No such item.")
        return item

    def history_view(self, request, object_id, extra_context=None):
        item = self._item_or_404(request, object_id)
        entries = list(services.history_of(item)[:200])
        draft = services.draft_of(item)
        context = {
            **self.admin_site.each_context(request),
            "title": f"History of “{item}”",
            "opts": self.model._meta,
            "original": item,
            "entries": entries,
            "draft": draft,
            "compare_url": self._admin_url("compare", item.pk),
            "action_url": self._admin_url("edition_action", item.pk),
            "state": services.state_label(item, draft),
        }
        return TemplateResponse(request, "admin/publishing/history.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Reverting never writes the live rows: it makes the revision the draft (see the history page).
        return HttpResponseRedirect(self._admin_url("history", object_id))

    def compare_view(self, request, object_id):
        item = self._item_or_404(request, object_id)
        draft = services.draft_of(item)
        left = request.GET.get("from") or "live"
        right = request.GET.get("to") or ("draft" if draft else "live")
        left_states, left_label = self._edition_states(item, left, draft)
        right_states, right_label = self._edition_states(item, right, draft)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare “{item}”",
            "opts": self.model._meta,
            "original": item,
            "left_label": left_label,
            "right_label": right_label,
            "fields": compare_fields(self.model, left_states, right_states),
            "lists": compare_lists(item, left_states, right_states),
            "history_url": self._admin_url("history", item.pk),
        }
        return TemplateResponse(request, "admin/publishing/compare.html", context)

    def _edition_states(self, item, which, draft):
        """``({(model, pk): instance}, label)`` for "live", "draft" or a revision's number."""
        if which == "live":
            return {(type(obj), obj.pk): obj for obj, _data in editions.snapshot(item)}, "Published version"
        if which == "draft" and draft is not None:
            return editions.revision_states(draft.revision), "Draft"
        revision = Revision.objects.filter(pk=which).first() if which.isdigit() else None
        if revision is None or editions.revision_item(revision, item) is None:
            raise Http404("No such revision of this item.")
        return editions.revision_states(revision), f"Revision of {services.format_moment(revision.date_created)}"

    def edition_action_view(self, request, object_id):
        """POST only: discard, unschedule, submit, publish the draft, or revert to a revision."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        item = self._item_or_404(request, object_id)
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        action = request.POST.get("action", "")
        name = f"“{item}”"
        change_url = self._admin_url("change", item.pk)
        try:
            if action == "discard":
                services.discard_draft(item, request.user)
                self.message_user(request, f"The draft of {name} is discarded; the published version is unchanged.")
            elif action == "unschedule":
                services.unschedule_draft(item, request.user)
                self.message_user(request, f"The scheduled change to {name} is cancelled; it stays a draft.")
            elif action == "submit":
                services.submit_for_review(item, request.user)
                self.message_user(request, f"{name} waits for a publisher's review.")
            elif action == "publish":
                services.publish(item, request.user, with_companions="with_companions" in request.POST)
                self.message_user(request, f"{name} is published.")
            elif action == "revert":
                revision = Revision.objects.filter(pk=request.POST.get("revision", "")).first()
                if revision is None:
                    raise ValidationError("That revision does not exist.")
                services.revert_to(item, revision, request.user)
                self.message_user(request, f"The earlier revision of {name} is now its draft: review and publish "
                                  "it to bring it back to the public.")  # fmt: skip
            else:
                self.message_user(request, "Nothing was done: the request did not say what to do.", messages.ERROR)
        except (ValidationError, PermissionDenied) as refusal:
            reasons = getattr(refusal, "messages", None) or [str(refusal) or services.NOT_ALLOWED_TO_PUBLISH]
            self.message_user(request, f"Nothing was changed: {' '.join(reasons)}", messages.ERROR)
        return HttpResponseRedirect(change_url)


def parse_local_moment(text):
    """A ``datetime-local`` input's value, in the site's time zone; ValidationError if it is not one."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError("Give the moment to publish, as a date and a time.") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def compare_fields(model, left, right):
    """``[(label, html)]`` for each field an editor knows whose value differs between two editions."""
    old = next((obj for (m, _pk), obj in left.items() if m is model), None)
    new = next((obj for (m, _pk), obj in right.items() if m is model), None)
    rows = []
    for field in model._meta.concrete_fields:
        if field.name in INTERNAL_FIELDS or not field.editable or is_default_language_copy(model, field):
            continue
        a = _display(old, field)
        b = _display(new, field)
        if a == b:
            continue
        rows.append((field.verbose_name.capitalize(), text_diff_html(a, b)))
    return rows


def _display(obj, field):
    if obj is None:
        return ""
    if field.is_relation:
        related = getattr(obj, field.name, None) if getattr(obj, field.attname) is not None else None
        return str(related) if related is not None else ""
    if field.choices:
        return str(dict(field.flatchoices).get(getattr(obj, field.attname), getattr(obj, field.attname) or ""))
    value = getattr(obj, field.attname)
    return "" if value is None else str(value)


def compare_lists(item, left, right):
    """The owned rows (photographs placed, links, telephone lines) of two editions, compared as lists."""
    groups = {}
    for side, states in (("old", left), ("new", right)):
        for (model, _pk), obj in states.items():
            if model is type(item):
                continue
            groups.setdefault(model, {"old": [], "new": []})[side].append(obj)
    result = []
    for model, sides in groups.items():
        labels = {side: [_row_label(obj) for obj in sorted(rows, key=_row_order)] for side, rows in sides.items()}
        rows, reordered = list_diff(labels["old"], labels["new"])
        if any(mark != "same" for mark, _label in rows) or reordered:
            result.append({"title": model._meta.verbose_name_plural.capitalize(), "rows": rows, "reordered": reordered})
    return result


def _row_order(obj):
    return (getattr(obj, "position", 0) or 0, obj.pk or 0)


def _row_label(obj):
    if hasattr(obj, "photo_id"):
        return f"Photograph: {obj.photo}"
    if hasattr(obj, "url") and hasattr(obj, "title"):
        return f"{obj.title} — {obj.url}"
    return str(obj)


__all__ = ["EditionAdminMixin", "DraftState", "Status"]
