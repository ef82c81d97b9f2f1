from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from embassy.decorators import staff_required

from .forms import EditorUploadForm
from .models import Photo


@require_POST
@staff_required("photos.add_photo")
def editor_upload(request):
    """Drag-and-drop upload from the markdownx editor.

    The file goes through the same checks as the photograph admin and becomes a
    draft photograph record, so that its caption, credit and alt text can be filled in.
    """
    form = EditorUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse(
            {"image": [str(error) for error in form.errors.get("image", ["Upload an image."])]}, status=400
        )
    upload = form.cleaned_data["image"]
    with transaction.atomic():
        photo = Photo(original_filename=upload.original_name[:255], uploaded_by=request.user)
        photo.caption = photo.original_filename.rsplit(".", 1)[0][:300]
        photo.image.save(upload.name, upload, save=False)
        photo.save()
    return JsonResponse({"image_code": f"![]({photo.image.url})", "photo": photo.pk})


@staff_required("photos.view_photo")
def preview_photo(request, pk):
    """A photograph with its caption and credit, as a page will show it, whatever its status."""
    photo = get_object_or_404(Photo, pk=pk)
    response = render(
        request, "photos/photo_preview.html", {"photo": photo, "preview": "Preview: this photograph as pages show it."}
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
