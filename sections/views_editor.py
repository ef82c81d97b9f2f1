from django.http import HttpResponse
from django.views.decorators.http import require_POST

from markup.markdown import render_markdown
from publishing.roles import staff_required


@require_POST
@staff_required()
def markdown_preview(request):
    """The markdownx editor's live preview, rendered exactly as the public page renders bodies."""
    return HttpResponse(render_markdown(request.POST.get("content", "")))
