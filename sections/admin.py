from contextlib import contextmanager
from contextvars import ContextVar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from reversion.admin import VersionAdmin
from treebeard.admin import TreeAdmin

from photos.admin import SectionPhotoInline
from publishing import editions, services
from publishing.admin import LinkGateFormSet, PublishingAdminMixin
from publishing.edition_admin import EditionStateFilter
from publishing.models import HistoryAction, Status
from sitewide.languages import JAPANESE_FIELDSET as JAPANESE

from .forms import SectionAdminForm
from .models import DeletedSection, RelatedLink, Section, ShareLink
from .numbering import full_numbers
from .services import delete_section, recover_section


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    formset = LinkGateFormSet
    extra = 0
    fields = ["title", "title_ja", "url", "position"]
    ordering = ["position"]


class PageFilter(admin.SimpleListFilter):
    title = "page"
    parameter_name = "page"

    def lookups(self, request, model_admin):
        return [(str(page.pk), page.title) for page in Section.objects.pages()]

    def queryset(self, request, queryset):
        if self.value():
            # The value comes from the address bar: anything but a page's id shows an empty list.
            page = Section.objects.pages().filter(pk=self.value()).first() if self.value().isdigit() else None
            return queryset.filter(path__startswith=page.path) if page else queryset.none()
        return queryset


@admin.register(Section)
class SectionAdmin(PublishingAdminMixin, VersionAdmin, TreeAdmin):
    form = SectionAdminForm
    change_list_template = "admin/sections/section/change_list.html"
    change_form_template = "admin/sections/section/change_form.html"
    list_display = ["numbered_title", "slug", "edition_state", "updated_at", "add_here"]
    list_filter = [EditionStateFilter, PageFilter, "depth"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectionPhotoInline, RelatedLinkInline]
    list_per_page = 100
    list_select_related = ["page"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "edit_version"]}),
        # The Japanese edition's text, after the English; left empty, the Japanese page shows the English, marked.
        (JAPANESE, {"fields": ["title_ja", "summary_ja", "body_ja"]}),
        (
            "Place in the tree",
            {
                "fields": ["treebeard_position", "treebeard_ref_node"],
                "description": "Choose where this section sits. Numbers follow from the order.",
            },
        ),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at", "change_note", "change_note_ja"]}),
        (
            "For top-level pages only",
            {
                "fields": ["publisher", "dated", "date_precision", "show_in_navigation", "english_update_notice"],
                "classes": ["collapse"],
            },
        ),
    ]

    class Media:
        css = {"all": ["embassy/content.css", "embassy/admin.css"]}
        js = ["sections/editor-preview.js", "embassy/vendor/axe-core-4.12.1.min.js", "sections/editor-checker.js"]

    def changelist_view(self, request, extra_context=None):
        counts = Section.objects.aggregate(pages=Count("pk", filter=Q(depth=1)), all=Count("pk"))
        extra_context = {"tree_pages": counts["pages"], "tree_sections": counts["all"] - counts["pages"],
                         **(extra_context or {})}  # fmt: skip
        return super().changelist_view(request, extra_context)

    def move_node(self, request):
        """A row dragged in the tree (treebeard's script posts here, then reloads the list to show the message).

        Treebeard's own view says "Moved node … as sibling of …"; this one says where the section went, in the
        editor's words, keeps the rule of the section form (moving a published section changes the public page
        at once: publishers only) and records the move in the section's history."""
        if request.method != "POST":
            return HttpResponseBadRequest("A move is posted.")

        class MoveForm(forms.Form):
            node = forms.ModelChoiceField(queryset=Section.objects.all())
            target = forms.ModelChoiceField(queryset=Section.objects.all())
            relation = forms.ChoiceField(choices=[("child", "child"), ("sibling", "sibling")])

        form = MoveForm(request.POST)
        if not form.is_valid():
            self.message_user(request, "Nothing was moved: the section or its new place no longer exists. "
                              "The list below is up to date.", messages.ERROR)  # fmt: skip
            return HttpResponseBadRequest("Nothing was moved.")
        section, target, relation = (form.cleaned_data[name] for name in ("node", "target", "relation"))
        if not self.has_change_permission(request, section):
            self.message_user(request, f"“{section}” was not moved: you may not change it.", messages.ERROR)
            return HttpResponseBadRequest("Not allowed.")
        if section.status == Status.PUBLISHED and not self.can_publish(request):
            self.message_user(request, f"“{section}” was not moved: moving a published section changes the public "
                              "page at once, so only publishers can.", messages.ERROR)  # fmt: skip
            return HttpResponseBadRequest("Not allowed.")
        # Treebeard's script sends "sibling" for a drop on a row's upper half (the section goes before that row)
        # and "child" for its lower half (the section becomes that row's last subsection).
        position, words = ("last-child", "into “{}”, as its last subsection") if relation == "child" else (
            "left", "before “{}”")  # fmt: skip
        if target.pk == section.pk or target.path.startswith(section.path):
            self.message_user(request, f"“{section}” was not moved: a section cannot go inside itself.", messages.ERROR)
            return HttpResponseBadRequest("Not moved.")
        try:
            with transaction.atomic():
                Section.objects.move(section, target, pos=position)
                services.record(section, HistoryAction.MOVED, request.user, detail=f"Moved {words.format(target)}.")
        except ValidationError as error:
            self.message_user(request, f"“{section}” was not moved: {' '.join(error.messages)}", messages.ERROR)
            return HttpResponseBadRequest("Not moved.")
        except IntegrityError:
            self.message_user(request, f"“{section}” was not moved: a section on that page already uses its slug "
                              f"(“{section.slug}”). Change the slug, then move it.", messages.ERROR)  # fmt: skip
            return HttpResponseBadRequest("Not moved.")
        self.message_user(request, f"“{section}” moved {words.format(target)}.", messages.SUCCESS)
        return HttpResponse("OK")

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # One query for the whole tree's paths gives every row its number ("2.(3)") and its last subsection
        # (treebeard lists one level at a time, so the rows alone do not hold their children).
        rows = list(Section.objects.order_by("path").values_list("pk", "path"))
        labels = full_numbers([path for _pk, path in rows], Section.steplen)
        last_child = {path[: -Section.steplen]: pk for pk, path in rows}  # in tree order: the last one stays
        for section in changelist.result_list:
            section.number_label = labels.get(section.path, "")
            section.last_child_pk = last_child.get(section.path)
        return changelist

    @admin.display(description="Title", ordering="path")
    def numbered_title(self, section):
        number = getattr(section, "number_label", "")
        if section.is_page:
            return format_html("<strong>{}</strong> <span class='section-kind'>(page)</span>", section.title)
        return format_html("<span class='section-number'>{}</span> {}", number, section.title)

    @admin.display(description="Add")
    def add_here(self, section):
        """A new section as the last one under this row: the form opens with its place chosen (treebeard offers
        "first child of", "before" and "after": so after the last subsection, or first under a row without)."""
        address = reverse("admin:sections_section_add")
        last = getattr(section, "last_child_pk", None)
        place = {"treebeard_position": "right", "treebeard_ref_node": last} if last else {
            "treebeard_position": "first-child", "treebeard_ref_node": section.pk}  # fmt: skip
        query = urlencode(place)
        return format_html(
            '<a href="{}?{}">Add subsection here<span class="a11y-hidden"> under “{}”</span></a>',
            address,
            query,
            section.title,
        )

    def view_on_site(self, section):
        return reverse("sections:preview_section", args=[section.pk]) + ("" if section.is_page else f"#{section.slug}")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            labels = full_numbers(Section.objects.filter(path__startswith=obj.root_path).values_list("path", flat=True),
                                  Section.steplen)  # fmt: skip
            # The public heading shows the section's own number, "(3)", not the full "2.(3)".
            own, parent = labels.get(obj.path, ""), labels.get(obj.path[: -Section.steplen], "")
            context["preview_number"] = own.removeprefix(parent)
            context["preview_heading_level"] = obj.heading_level
        elif add:
            # "Add subsection here": the preview and the checker take the level the new section will have.
            reference = Section.objects.filter(pk=request.GET.get("treebeard_ref_node") or None).first()
            if reference is not None:
                child = request.GET.get("treebeard_position", "").endswith("child")
                context["preview_heading_level"] = min(reference.depth + (1 if child else 0), 6)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_form(self, request, form, change):
        # A move is not part of a draft: it takes effect at once (see change_at_once). Read before the
        # form's save consumes the position fields.
        if (
            change
            and editions.in_sandbox.get()
            and {"treebeard_position", "treebeard_ref_node"} & set(form.changed_data)
        ):
            reference = form.cleaned_data.get("treebeard_ref_node")
            request.section_move = (reference.pk if reference else None, form.cleaned_data.get("treebeard_position"))
        return super().save_form(request, form, change)

    def change_at_once(self, request, section):
        """Moving a published section changes the page's numbering and contents at once, for every reader:
        only publishers may, and the move is recorded in the section's history."""
        move = getattr(request, "section_move", None)
        if move is None:
            return
        if not self.can_publish(request):
            self.message_user(request, "The section was not moved: moving a published section changes the public "
                              "page at once, so only publishers can. Your other changes are in the draft.",
                              messages.WARNING)  # fmt: skip
            return
        reference_pk, position = move
        reference = Section.objects.filter(pk=reference_pk).first() if reference_pk else Section.get_first_root_node()
        if reference is None:
            return
        with transaction.atomic():
            Section.objects.move(section, reference, pos=position or "first-sibling")
            services.record(section, HistoryAction.MOVED, request.user, detail=f"Moved {position} “{reference}”.")

    def delete_model(self, request, obj):
        delete_section(obj, request.user)

    def delete_queryset(self, request, queryset):
        # Deleting a section takes its subsections with it; skip rows already gone with an ancestor.
        for section in queryset.order_by("path"):
            if Section.objects.filter(pk=section.pk).exists():
                delete_section(section, request.user)

    def recoverlist_view(self, request, extra_context=None):
        # Sections come back through their own list, which knows where in the tree each one sat.
        return HttpResponseRedirect(reverse("admin:sections_deletedsection_changelist"))


@admin.register(DeletedSection)
class DeletedSectionAdmin(admin.ModelAdmin):
    """Deleted sections, each with its subsections, photographs and links, ready to be put back."""

    list_display = ["title", "parent", "deleted_at", "deleted_by", "recovered_at"]
    list_filter = [("recovered_at", admin.EmptyFieldListFilter)]
    actions = ["recover"]
    readonly_fields = ["title", "parent", "position", "deleted_at", "deleted_by", "recovered_at", "contents"]
    exclude = ["revision", "section_pk", "structure"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("sections.change_deletedsection") and obj is None

    @admin.display(description="What comes back")
    def contents(self, deleted):
        return ", ".join(version.object_repr for version in deleted.revision.version_set.all())

    @admin.action(description="Recover the selected sections", permissions=["change"])
    def recover(self, request, queryset):
        for deleted in queryset.filter(recovered_at__isnull=True).order_by("deleted_at"):
            try:
                section, renamed = recover_section(deleted)
            except ValidationError as error:
                self.message_user(request, f"“{deleted}” was not recovered: {' '.join(error.messages)}", messages.ERROR)
                continue
            self.log_change(request, section, "Recovered after deletion.")
            services.record(section, HistoryAction.RECOVERED, request.user)
            state = "published" if section.status == "published" else f"a {section.get_status_display().lower()}"
            message = f"“{section}” is back, {state}."
            if renamed:
                changes = "; ".join(f"“{title}” is now “{new}” (was “{old}”)" for title, old, new in renamed)
                message += f" Slugs taken in the meantime were changed: {changes}."
            self.message_user(request, message, messages.WARNING if renamed else messages.SUCCESS)


# The request a share link's address is built for: admin display methods are given only the row. Set around the
# views that show addresses (ShareLinkAdmin), which render before returning so that it is still set.
current_request = ContextVar("share_link_request", default=None)


@contextmanager
def answering(request):
    token = current_request.set(request)
    try:
        yield
    finally:
        current_request.reset(token)


def rendered(response):
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    return response


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    """Secret preview links for reviewers without an account."""

    list_display = ["page", "note", "expires_at", "is_active_display", "link", "created_by"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    autocomplete_fields = ["page"]
    fields = ["page", "note", "expires_at", "link"]
    readonly_fields = ["link"]
    actions = ["revoke"]

    @admin.display(description="Active", boolean=True)
    def is_active_display(self, share_link):
        return share_link.is_active()

    class Media:
        js = ["sections/share-link.js"]
        css = {"all": ["embassy/admin.css"]}

    def changelist_view(self, request, extra_context=None):
        with answering(request):
            return rendered(super().changelist_view(request, extra_context))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with answering(request):
            return rendered(super().changeform_view(request, object_id, form_url, extra_context))

    @admin.display(description="Address to send")
    def link(self, share_link):
        if not share_link.pk:
            return "Save to create the address."
        request = current_request.get()
        path = share_link.get_absolute_url()
        # The whole address, scheme and host included, as it is pasted into an e-mail.
        address = request.build_absolute_uri(path) if request is not None else path
        return format_html(
            '<span class="share-address"><input type="text" readonly value="{0}" aria-label="Address of the share '
            'link for “{1}”" size="{2}"> <button type="button" class="button share-copy">Copy the address</button>'
            ' <span class="share-copied" role="status"></span></span>',
            address,
            share_link.page,
            min(len(address), 90),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Revoke the selected links")
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"{count} link(s) revoked.")
