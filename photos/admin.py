import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.views.decorators.http import require_POST, require_safe
from reversion.admin import VersionAdmin

from publishing import services
from publishing.admin import PlacementGateFormSet, PublishingAdminMixin
from publishing.edition_admin import EditionStateFilter
from publishing.models import HistoryAction, Status
from sitewide.languages import JAPANESE_FIELDSET as JAPANESE

from .forms import BulkUploadForm, ChooserUploadForm, PhotoForm
from .models import Photo, PhotoPlacement
from .storage import keep_files_only_on_commit
from .uploads import create_draft_photo

EXPIRY_WARNING_DAYS = 30
# Thumbnails per page of the photograph chooser: four rows on a laptop, and one bounded query per page.
CHOOSER_PAGE_SIZE = 24


def thumbnail(photo, width=64):
    """The smallest rendition, never the original: a library page of 50 originals could weigh a gigabyte."""
    if not photo:
        return "—"
    if not photo.image:
        return format_html('<span class="image-missing">{}</span>', "image missing")
    return format_html(
        '<img src="{}" width="{}" alt="" class="photo-thumbnail" loading="lazy">', photo.picture.thumbnail_url, width
    )


class PhotoPlacementInline(admin.TabularInline):
    """Photographs shown in a section or an event, in order.

    Each row's "Choose or upload" button opens the photograph chooser (:meth:`PhotoAdmin.chooser_view`) in a
    dialog on the same page: the library searched with thumbnails, and an upload with the photograph form's
    own checks. The chosen photograph goes into the row's picker, which still searches as one types.
    """

    model = PhotoPlacement
    formset = PlacementGateFormSet
    extra = 0
    autocomplete_fields = ["photo"]
    fields = ["photo", "position", "preview"]
    readonly_fields = ["preview"]
    ordering = ["position"]
    verbose_name = "photograph"
    verbose_name_plural = "photographs"
    template = "admin/photos/placement_inline.html"

    class Media:
        js = ["photos/chooser.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("photo")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Here rather than in formfield_for_foreignkey: the admin wraps the widget (with its pop-up links) after.
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "photo":
            field.help_text = "Type to search the library by caption, or choose with thumbnails and upload."
            # The chooser's dialog replaces the admin's pop-up windows for adding, changing and viewing.
            wrapper = field.widget
            wrapper.can_add_related = wrapper.can_change_related = wrapper.can_view_related = False
            wrapper.can_delete_related = False
            wrapper.template_name = "photos/widgets/photo_chooser.html"
        return field

    @admin.display(description="Preview")
    def preview(self, placement):
        if not placement.photo_id:
            return "—"
        photo = placement.photo
        if photo.is_shown_to_public():
            return thumbnail(photo)
        reason = "rights expired" if photo.rights_expired else "not published"
        return format_html('{}<br><span class="rights-expired">Hidden: {}</span>', thumbnail(photo), reason)


class SectionPhotoInline(PhotoPlacementInline):
    fk_name = "section"
    exclude = ["event"]


class EventPhotoInline(PhotoPlacementInline):
    fk_name = "event"
    exclude = ["section"]


class MissingAltTextFilter(admin.SimpleListFilter):
    title = "alt text"
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("missing", "Missing alt text"), ("present", "Has alt text")]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(alt_text="")
        if self.value() == "present":
            return queryset.exclude(alt_text="")
        return queryset


class RightsFilter(admin.SimpleListFilter):
    title = "rights"
    parameter_name = "rights"

    def lookups(self, request, model_admin):
        return [
            ("expiring", f"Expire within {EXPIRY_WARNING_DAYS} days"),
            ("expired", "Expired (hidden from the public)"),
            ("dated", "Have an end date"),
            ("open", "No end date"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "expiring":
                return queryset.rights_expiring(days=EXPIRY_WARNING_DAYS)
            case "expired":
                return queryset.rights_expired()
            case "dated":
                return queryset.filter(rights_expire_on__isnull=False)
            case "open":
                return queryset.filter(rights_expire_on__isnull=True)
        return queryset


class UsageFilter(admin.SimpleListFilter):
    title = "use"
    parameter_name = "use"

    def lookups(self, request, model_admin):
        return [("unused", "Not used anywhere"), ("used", "Used in a section or event")]

    def queryset(self, request, queryset):
        placed = Exists(PhotoPlacement.objects.filter(photo=OuterRef("pk")))
        if self.value() == "unused":
            return queryset.filter(~placed)
        if self.value() == "used":
            return queryset.filter(placed)
        return queryset


@admin.register(Photo)
class PhotoAdmin(PublishingAdminMixin, VersionAdmin):
    form = PhotoForm
    # Size and upload date are on each photograph's page (and the dates above the list): a narrow list fits a laptop.
    list_display = ["list_thumbnail", "caption", "credit", "edition_state", "rights_until", "use_count"]
    list_display_links = ["list_thumbnail", "caption"]
    list_filter = [EditionStateFilter, MissingAltTextFilter, RightsFilter, UsageFilter, "is_placeholder", "licence"]
    search_fields = ["caption", "credit", "alt_text", "original_filename", "copyright_holder"]
    date_hierarchy = "created_at"
    list_per_page = 50
    readonly_fields = ["large_preview", "original_filename", "dimensions", "used_in"]
    change_list_template = "admin/photos/photo/change_list.html"
    delete_confirmation_template = "admin/photos/photo/delete_confirmation.html"

    class Media:
        css = {"all": ["embassy/admin.css"]}

    fieldsets = [
        (None, {"fields": ["image", "large_preview", "caption", "credit", "alt_text", "taken_on"]}),
        (
            JAPANESE,
            {
                "fields": ["caption_ja", "credit_ja", "alt_text_ja"],
                "description": "A Japanese caption needs Japanese alt text: without it the Japanese page shows the "
                "photograph with its English text, marked as not translated, or leaves it out.",
            },
        ),
        (
            "Rights",
            {
                "fields": ["copyright_holder", "licence", "source_url", "rights_expire_on"],
                "description": "Shown on the public Photo credits page. From the expiry date on, the photograph "
                "disappears from every public page by itself.",
            },
        ),
        ("Publishing", {"fields": ["status", "publish_at", "unpublish_at", "edit_version"]}),
        ("About the file", {"fields": ["original_filename", "dimensions", "is_placeholder", "used_in"]}),
    ]

    def get_queryset(self, request):
        # Explicit order: Meta.ordering is not applied to a query with GROUP BY (the count).
        queryset = super().get_queryset(request).annotate(use_count=Count("placements", distinct=True))
        return queryset.order_by(*Photo._meta.ordering)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view  # staff only, and CSRF-checked for every POST
        return [
            path("upload/", view(self.bulk_upload_view), name=f"{name}_bulk_upload"),
            path("chooser/", view(self.chooser_view), name=f"{name}_chooser"),
            path("chooser/upload/", view(self.chooser_upload_view), name=f"{name}_chooser_upload"),
            *super().get_urls(),
        ]

    @admin.display(description="Image")
    def list_thumbnail(self, photo):
        return thumbnail(photo)

    @admin.display(description="Preview")
    def large_preview(self, photo):
        if not photo.pk:
            return "—"
        if not photo.image:
            return format_html('<span class="image-missing">{}</span>', "image missing")
        return format_html(
            '<a href="{}"><img src="{}" width="320" alt="" class="photo-thumbnail"></a>',
            photo.picture.large_url,
            photo.picture.src,
        )

    @admin.display(description="Size")
    def dimensions(self, photo):
        return f"{photo.width}×{photo.height}" if photo.width else "—"

    @admin.display(description="Rights end", ordering="rights_expire_on")
    def rights_until(self, photo):
        if photo.rights_expire_on is None:
            return "—"
        today = timezone.localdate()
        shown = date_format(photo.rights_expire_on)
        if photo.rights_expire_on <= today:
            return format_html('<span class="rights-expired">Expired {}</span>', shown)
        if (photo.rights_expire_on - today).days <= EXPIRY_WARNING_DAYS:
            return format_html('<span class="rights-expiring">{}</span>', shown)
        return shown

    @admin.display(description="Used in", ordering="use_count")
    def use_count(self, photo):
        count = getattr(photo, "use_count", 0)
        return f"{count} place{'s' if count != 1 else ''}" if count else "Unused"

    @admin.display(description="Used in")
    def used_in(self, photo):
        if not photo.pk:
            return "—"
        placements = photo_places(photo)
        if not placements:
            return "Not used anywhere yet."
        return format_html(
            "<ul class='photo-places'>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                ((placement.place_admin_url(), capfirst(placement.place_label())) for placement in placements),
            ),
        )

    def view_on_site(self, photo):
        return reverse("photos:preview", args=[photo.pk])

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def changelist_view(self, request, extra_context=None):
        photos = Photo.objects.all()
        extra_context = {
            "rights_expiring": photos.rights_expiring(days=EXPIRY_WARNING_DAYS).count(),
            "rights_expired": photos.rights_expired().count(),
            "expiry_warning_days": EXPIRY_WARNING_DAYS,
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def render_delete_form(self, request, context):
        obj = context.get("object")
        context["places"] = photo_places(obj) if obj is not None else []
        return super().render_delete_form(request, context)

    def bulk_upload_view(self, request):
        """Several files at once; each is checked on its own, and refused files are named with the reason."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        created, refused = [], []
        form = BulkUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            # One transaction for the batch: files are checked already, so only a server fault can fail here.
            with keep_files_only_on_commit(), transaction.atomic():
                for _, upload in form.accepted:
                    photo = create_draft_photo(upload, uploaded_by=request.user, **form.shared_fields())
                    self.log_addition(request, photo, [{"added": {}}])
                    created.append(photo)
            if created:
                messages.success(
                    request,
                    f"{len(created)} photograph{'s' if len(created) != 1 else ''} uploaded as drafts. "
                    "Add a caption, credit and alt text to each before publishing.",
                )
            refused = form.refused
            if refused:
                messages.error(request, f"{len(refused)} file{'s' if len(refused) != 1 else ''} refused: see below.")
            form = BulkUploadForm(initial=form.shared_fields())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Upload several photographs",
            "form": form,
            "created": created,
            "refused": refused,
            "max_files": BulkUploadForm.MAX_FILES,
        }
        return TemplateResponse(request, "admin/photos/photo/bulk_upload.html", context)

    @staticmethod
    def chooser_results(query, page_number):
        photos = Photo.objects.order_by(*Photo._meta.ordering)
        query = query.strip()[:100]
        if query:
            photos = photos.filter(
                Q(caption__icontains=query)
                | Q(credit__icontains=query)
                | Q(caption_ja__icontains=query)
                | Q(alt_text__icontains=query)
                | Q(original_filename__icontains=query)
            )
        # get_page turns a missing, malformed or too-large page number into the first or the last page.
        return Paginator(photos, CHOOSER_PAGE_SIZE).get_page(page_number)

    @method_decorator(require_safe)
    def chooser_view(self, request):
        """The photograph chooser's library: search by caption or credit, a page of thumbnails, and the upload
        form. An HTML fragment that the admin's dialog (photos/chooser.js) shows; never a page of its own."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "")
        context = {
            "results": self.chooser_results(query, request.GET.get("page")),
            "query": query.strip()[:100],
            "upload_form": ChooserUploadForm(user=request.user) if self.has_add_permission(request) else None,
            "chooser_url": reverse("admin:photos_photo_chooser"),
            "upload_url": reverse("admin:photos_photo_chooser_upload"),
        }
        response = TemplateResponse(request, "admin/photos/photo/chooser.html", context)
        response["Cache-Control"] = "private, no-store"
        return response

    @method_decorator(require_POST)
    def chooser_upload_view(self, request):
        """An upload from the chooser: the photograph form's checks (a refused form keeps its cleaned file),
        saved as a draft; answers the new photograph as JSON, or the form with its errors (400)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ChooserUploadForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            context = {"upload_form": form, "upload_url": reverse("admin:photos_photo_chooser_upload")}
            return TemplateResponse(request, "admin/photos/photo/chooser_upload.html", context, status=400)
        with keep_files_only_on_commit(), transaction.atomic(), reversion.create_revision():
            photo = form.save(commit=False)
            photo.uploaded_by = request.user
            photo.status = Status.DRAFT  # published by a publisher, as every upload
            photo.save()
            reversion.set_user(request.user)
            reversion.set_comment("Uploaded from the photograph chooser.")
        services.record(photo, HistoryAction.CREATED, request.user, services.latest_revision(photo))
        self.log_addition(request, photo, [{"added": {}}])
        return JsonResponse(chooser_entry(photo), status=201)


def chooser_entry(photo):
    """What the chooser's script puts into a placement row for ``photo``."""
    return {
        "id": photo.pk,
        "label": str(photo),
        "thumbnail": photo.picture.thumbnail_url if photo.image else "",
        "status": photo.get_status_display(),
    }


def photo_places(photo):
    return list(photo.placements.select_related("section__page", "event").order_by("pk"))
