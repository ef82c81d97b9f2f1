from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from embassy.decorators import is_staff_with, staff_required
from embassy.pagecache import page_number, page_of, query_parameters
from sections.models import Section

from .forms import EditorUploadForm
from .models import Photo, PhotoPlacement
from .uploads import create_draft_photo

CREDITS_PER_PAGE = 50


@require_POST
@staff_required("photos.add_photo")
def editor_upload(request):
    """Drag-and-drop upload from the markdownx editor.

    The file goes through the same checks as the photograph admin and becomes a
    draft photograph record, so that its caption, credit and alt text can be filled in.
    The text links the photograph's inline address (see :func:`inline_image`), so that
    the image shows on public pages only while the photograph itself may be shown.
    """
    form = EditorUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse(
            {"image": [str(error) for error in form.errors.get("image", ["Upload an image."])]}, status=400
        )
    photo = create_draft_photo(form.cleaned_data["image"], uploaded_by=request.user)
    image_address = reverse("photos:inline_image", args=[photo.pk])
    return JsonResponse({"image_code": f"![]({image_address})", "photo": photo.pk})


@require_safe
def inline_image(request, pk):
    """A photograph placed inside a text: a redirect to its large rendition while it may be shown.

    Texts are rendered to HTML when saved, so a file's own address in a text would outlive the
    photograph's publication and its rights. This address is decided at each request instead: the
    image is there while the photograph is published and its rights run, for staff (as in previews)
    also while it is a draft, and for nobody once its rights have expired.
    """
    photo = get_object_or_404(Photo.objects.exclude(image=""), pk=pk)
    if not (photo.is_shown_to_public() or is_staff_with(request.user, "photos.view_photo")):
        raise Http404("No such photograph, or it is not published.")
    response = redirect(photo.picture.large_url)
    response["Cache-Control"] = "no-cache"  # asked again each time: the answer changes when the rights end
    return response


@query_parameters(page=page_number)
def photo_credits(request):
    """Every public photograph with its credit and licence, and the public places it appears."""
    placements = PhotoPlacement.objects.select_related("section__page", "event").order_by("position", "pk")
    photos = Photo.objects.public().order_by("caption", "pk").prefetch_related(Prefetch("placements", placements))
    page_obj = page_of(request, photos, CREDITS_PER_PAGE)
    entries = list(page_obj.object_list)
    all_placements = [placement for photo in entries for placement in photo.placements.all()]
    visible = Section.objects.visible_ids([p.section for p in all_placements if p.section_id])
    for photo in entries:
        photo.public_places = [
            placement
            for placement in photo.placements.all()
            if (placement.section_id in visible) or (placement.event_id and placement.event.is_public())
        ]
    return render(request, "photos/photo_credits.html", {"page_obj": page_obj, "photos": entries})


@staff_required("photos.view_photo")
def preview_photo(request, pk):
    """A photograph with its caption and credit, as a page will show it, whatever its status."""
    photo = get_object_or_404(Photo, pk=pk)
    response = render(
        request, "photos/photo_preview.html", {"photo": photo, "preview": "Preview: this photograph as pages show it."}
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
