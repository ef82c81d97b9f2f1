from django.db import transaction
from django.http import HttpResponse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from markup.markdown import MarkdownRefused, render_markdown
from publishing.roles import staff_required


# The preview writes nothing: outside the request's transaction it never holds, nor waits for, the write lock.
@transaction.non_atomic_requests
@require_POST
@staff_required()
def markdown_preview(request):
    """The markdownx editor's live preview, rendered exactly as the public page renders bodies."""
    request.refreshes_no_session = True  # see embassy.middleware.SessionMiddleware
    try:
        return HttpResponse(render_markdown(request.POST.get("content", "")))
    except MarkdownRefused as refusal:
        # markdownx shows whatever comes back in the preview pane.
        return HttpResponse(format_html('<p class="markdown-refused">{}</p>', refusal), status=422)
