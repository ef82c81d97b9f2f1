from django.http import Http404, HttpResponse

from publishing.pagecache import query_parameters
from sections.tree import public_page_tree

from .markdown_export import page_markdown


@query_parameters()
def page_markdown_download(request, slug):
    """The public page as Markdown: the same visibility rules as the page itself."""
    tree = public_page_tree(slug=slug)
    if tree is None:
        raise Http404("No such page, or it is not published.")
    page = tree.page
    text = page_markdown(
        tree,
        image_url=lambda photo: request.build_absolute_uri(photo.image.url),
        event_url=lambda event: request.build_absolute_uri(event.get_absolute_url()),
    )
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.md"'
    return response
