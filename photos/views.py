from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from publishing.roles import is_staff_with, staff_required

from .forms import EditorUploadForm
from .models import Photo
from .uploads import create_draft_photo


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
