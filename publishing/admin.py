"""Publishing rules in the admin, shared by sections, events and photographs.

Editors write drafts and submit them for review; publishers publish,
unpublish, schedule and delete published content. Every save is checked
against the copy the editor started from, so nobody overwrites another
person's work without seeing it, and every publish goes through :mod:`publishing.services`.
"""

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils import timezone
from reversion.models import Version

from markup.dates import format_moment
from markup.validators import validate_no_control_characters

from . import editions, services
from .diffs import change_summary
from .edition_admin import EditionAdminMixin
from .gate import link_problems, photo_problems
from .models import ChangeNote, HistoryAction, Status
from .registry import is_default_language_copy
from .revisions import KeepCurrentColumnsOnRevertMixin
from .services import NOT_ALLOWED_TO_PUBLISH

COMPARED_FIELDS_SKIPPED = {"id", "path", "depth", "numchild", "page", "body_html", "version", "created_at",
                           "updated_at", "width", "height", "image"}  # fmt: skip


class PublishableForm(forms.ModelForm):
    """Adds the edit counter check, the change note and the status rules to a model form."""

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    change_note = forms.CharField(
        required=False,
        max_length=300,
        validators=[validate_no_control_characters],
        help_text="Optional. When publishing, a short public note for the page's history, e.g. "
        "“Added the February 2009 summit.”",
        widget=forms.TextInput(attrs={"size": 80}),
    )
    change_note_ja = forms.CharField(
        label="Change note (日本語)",
        required=False,
        max_length=300,
        validators=[validate_no_control_characters],
        help_text="Optional. The same note for the Japanese page's history, e.g. “2009年2月の首脳会談を追加しました。” "
        "Without it, the Japanese page shows the English note, marked as English.",
        widget=forms.TextInput(attrs={"size": 80, "lang": "ja"}),
    )

    # Set by the admin for each request (see PublishingAdminMixin.get_form).
    current_user = None
    can_publish = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        self._check_not_stale()
        self._check_status_allowed(cleaned)
        self._check_schedule(cleaned)
        if cleaned.get("status") == Status.PUBLISHED:
            problems = self.publish_problems(cleaned)
            if problems:
                raise ValidationError(["This cannot be published yet:", *problems])
        return cleaned

    def publish_problems(self, cleaned):
        """Problems with the submitted fields themselves; inline rows are checked by their formsets."""
        return []

    def _check_status_allowed(self, cleaned):
        if self.can_publish:
            return
        wants_publish = cleaned.get("status") == Status.PUBLISHED
        touches_schedule = {"publish_at", "unpublish_at"} & set(self.changed_data)
        if wants_publish or touches_schedule:
            self.add_error("status", NOT_ALLOWED_TO_PUBLISH)

    def _check_schedule(self, cleaned):
        unpublish_at = cleaned.get("unpublish_at")
        if unpublish_at and "unpublish_at" in self.changed_data and unpublish_at <= timezone.now():
            self.add_error("unpublish_at", "This time has already passed: choose a time in the future.")

    def _check_not_stale(self):
        if not self.instance.pk:
            return
        model = type(self.instance)
        started_from = self.cleaned_data.get("edit_version")
        current = model._default_manager.select_for_update().filter(pk=self.instance.pk).first()
        if current is None or started_from is None or started_from == current.version:
            return
        # Let the next submit through: the editor has now seen the other change.
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_version")] = current.version
        raise ValidationError(
            [
                f"{describe_saver(current)} saved this {model._meta.verbose_name} while you were editing it, "
                "so your changes were not saved. Your text is still in the form below.",
                *describe_changes(model, self.instance.pk, started_from, current, self.cleaned_data),
                "Bring their changes into your text if they should stay, then save again.",
            ],
            code="stale",
        )


def describe_saver(current):
    version = Version.objects.get_for_object(current).select_related("revision__user").first()
    user = version.revision.user if version and version.revision.user else None
    when = format_moment(current.updated_at)
    return f"{user.get_full_name() or user.get_username() if user else 'Someone else'} ({when})"


def describe_changes(model, pk, started_from, current, submitted):
    """What changed between the copy the editor opened (edit counter ``started_from``) and ``current``.

    Without a stored revision of that copy (content loaded outside the admin),
    the saved version is compared with what the editor submitted instead.
    """
    before = None
    for version in Version.objects.get_for_object_reference(model, pk):
        if version.field_dict.get("version") == started_from:
            before = version.field_dict
            break
    lines = []
    if before is None:
        lines.append("The saved version differs from yours:")
        before = {field.attname: submitted.get(field.name) for field in model._meta.concrete_fields
                  if field.name in submitted}  # fmt: skip
    else:
        lines.append("Their changes:")
    for field in model._meta.concrete_fields:
        if field.name in COMPARED_FIELDS_SKIPPED or not field.editable or is_default_language_copy(model, field):
            continue
        if field.attname not in before:
            continue
        old, new = before[field.attname], getattr(current, field.attname)
        if old == new or (old in (None, "") and new in (None, "")):
            continue
        label = field.verbose_name.capitalize()
        if isinstance(new, str) and ("\n" in new or len(new) > 80):
            lines.append(f"{label}: " + "; ".join(change_summary(old or "", new)) + ".")
        else:
            lines.append(f"{label}: “{old}” → “{new}”")
    if len(lines) == 1:
        lines.append("No field you can edit here differs.")
    return lines


class PublishGateFormSet(BaseInlineFormSet):
    """Checks inline rows (photographs, links) when the item they belong to is being published."""

    def row_problems(self, form):
        return []

    def clean(self):
        super().clean()
        if getattr(self.instance, "status", None) != Status.PUBLISHED or editions.in_sandbox.get():
            return  # a draft of a live item is checked when it is published
        problems = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            problems += self.row_problems(form)
        if problems:
            raise ValidationError(["This cannot be published yet:", *problems])


class PlacementGateFormSet(PublishGateFormSet):
    def row_problems(self, form):
        photo = form.cleaned_data.get("photo")
        return photo_problems(photo) if photo else []


class LinkGateFormSet(PublishGateFormSet):
    def row_problems(self, form):
        return link_problems(self.model(title=form.cleaned_data.get("title", ""), url=form.cleaned_data.get("url")))


STATUS_MESSAGES = {
    Status.PUBLISHED: "Published.",
    Status.DRAFT: "Returned to draft.",
    Status.REVIEW: "Submitted for review.",
}


class PublishingAdminMixin(EditionAdminMixin, KeepCurrentColumnsOnRevertMixin):
    """Admin behaviour for any Publishable model: editors change published items as drafts."""

    actions = ["submit_for_review", "publish_selected", "unpublish_selected"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.current_user = request.user
        form.can_publish = self.can_publish(request)
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        request.direct_save = None
        response = super().changeform_view(request, object_id, form_url, extra_context)
        saved = request.direct_save
        if saved is not None:  # a draft item edited in place: its history records the save
            action = HistoryAction.SAVED if object_id else HistoryAction.CREATED
            services.record(saved, action, request.user, services.latest_revision(saved))
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Before publishing, how many people it will e-mail (the alerts app answers; counts only, no addresses).
        if self.can_publish(request):
            context["alert_audience"] = services.publication_audience(obj if obj is not None else self.model)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == Status.PUBLISHED and not self.can_publish(request):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.can_publish(request):
            actions.pop("publish_selected", None)
            actions.pop("unpublish_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        services.stamp_publication(obj)
        super().save_model(request, obj, form, change)
        if not editions.in_sandbox.get():
            request.direct_save = obj
        # Django's admin log already keeps who changed which fields; these entries say what it meant.
        if change and request.resolver_match and request.resolver_match.url_name.endswith("_revision"):
            self.log_change(request, obj, "Reverted to an earlier revision.")
        if "status" in form.changed_data:
            self.log_change(request, obj, STATUS_MESSAGES[obj.status])
            if obj.status == Status.PUBLISHED and not editions.in_sandbox.get():
                note = form.cleaned_data.get("change_note", "")
                services.announce_publication(obj, note, request.user, first=True)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        note = form.cleaned_data.get("change_note", "").strip()
        if note:
            request.change_note = note
            if form.instance.status == Status.PUBLISHED:
                note_ja = form.cleaned_data.get("change_note_ja", "")
                services.record_change_note(form.instance, note, request.user, note_ja=note_ja)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._keep_change_note_as_revision_comment(request)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._keep_change_note_as_revision_comment(request)
        return entry

    @staticmethod
    def _keep_change_note_as_revision_comment(request):
        # The revision's comment is what the history shows: the editor's own words beat "Changed body."
        note = getattr(request, "change_note", "")
        if note and reversion.is_active():
            reversion.set_comment(note)

    @admin.action(description="Submit selected for review")
    def submit_for_review(self, request, queryset):
        count = 0
        for item in queryset:
            if services.submit_for_review(item, request.user):
                self.log_change(request, item, STATUS_MESSAGES[Status.REVIEW])
                count += 1
        self.message_user(request, f"{count} item(s) submitted for review.")

    @admin.action(description="Publish selected")
    def publish_selected(self, request, queryset):
        if not self.can_publish(request):
            self.message_user(request, NOT_ALLOWED_TO_PUBLISH, messages.ERROR)
            return
        audience = sum(services.publication_audience(item) or 0 for item in queryset if item.status != Status.PUBLISHED)
        if audience and "confirmed" not in request.POST:
            # As the change form does: before anything is sent, how many people it will e-mail (counts only).
            context = {
                **self.admin_site.each_context(request),
                "title": "Publish and send e-mail alerts?",
                "opts": self.model._meta,
                "items": list(queryset),
                "audience": audience,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/publishing/publish_selected_confirmation.html", context)
        published = 0
        for item in queryset:
            try:
                if services.publish(item, request.user):
                    self.log_change(request, item, STATUS_MESSAGES[Status.PUBLISHED])
                    published += 1
            except services.NotReadyToPublish as refusal:
                self.message_user(request, f"“{item}” was not published: {' '.join(refusal.messages)}", messages.ERROR)
        self.message_user(request, f"{published} item(s) published.")

    @admin.action(description="Unpublish selected (back to draft)")
    def unpublish_selected(self, request, queryset):
        if not self.can_publish(request):
            self.message_user(request, NOT_ALLOWED_TO_PUBLISH, messages.ERROR)
            return
        count = 0
        for item in queryset:
            if services.unpublish(item, request.user):
                self.log_change(request, item, STATUS_MESSAGES[Status.DRAFT])
                count += 1
        self.message_user(request, f"{count} item(s) unpublished.")


@admin.register(ChangeNote)
class ChangeNoteAdmin(admin.ModelAdmin):
    list_display = ["note", "page", "published_at", "author"]
    list_filter = [("page", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["note"]
    list_select_related = ["page", "author"]
