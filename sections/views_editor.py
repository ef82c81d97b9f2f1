from django.http import HttpResponse
from django.views.decorators.http import require_POST

from embassy.decorators import staff_required
from embassy.markdown import render_markdown


@require_POST
@staff_required()
def markdown_preview(request):
    """The markdownx editor's live preview, rendered exactly as the public page renders bodies."""
    return HttpResponse(render_markdown(request.POST.get("content", "")))
