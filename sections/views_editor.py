import json

from django.db import transaction
from django.http import HttpResponse
from django.template import loader
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from markup.markdown import MarkdownRefused, render_markdown
from photos.inline import body_parts, inline_photo_ids, inline_photo_problems, shown_photos
from publishing.gate import heading_problems
from publishing.roles import staff_required


def _heading_level(value):
    """The heading level of the text's own title, from the editor (1 to 6), or None when not given or not one."""
    return int(value) if value in {"1", "2", "3", "4", "5", "6"} else None


# The preview writes nothing: outside the request's transaction it never holds, nor waits for, the write lock.
@transaction.non_atomic_requests
@require_POST
@staff_required()
def markdown_preview(request):
    """The markdownx editor's live preview, rendered exactly as the public page renders bodies.

    Photographs dropped into the text are drawn as the page will draw them (drafts too: it is a preview). With
    ``?level=`` (the heading level of the section's own title) the answer also carries what the publish gate
    would refuse in this text, for the editor's accessibility checker (sections/editor-checker.js) to list
    before the text is saved.
    """
    request.refreshes_no_session = True  # see embassy.middleware.SessionMiddleware
    content = request.POST.get("content", "")
    try:
        html = render_markdown(content)
    except MarkdownRefused as refusal:
        # markdownx shows whatever comes back in the preview pane.
        return HttpResponse(format_html('<p class="markdown-refused">{}</p>', refusal), status=422)
    ids = inline_photo_ids(html)
    if ids:
        parts = body_parts(html, shown_photos(ids, include_drafts=True))
        html = loader.render_to_string("photos/inline_preview.html", {"parts": parts}, request, using="jinja2")
    level = _heading_level(request.GET.get("level"))
    problems = (heading_problems(content, level) if level else []) + inline_photo_problems({"body": content})
    if problems:
        html += format_html('<div class="editor-gate" hidden data-problems="{}"></div>', json.dumps(problems))
    return HttpResponse(html)
