from django.shortcuts import get_object_or_404, render

from publishing.pagecache import query_parameters
from sitewide.seo import PageMeta, home_crumb

from .models import Notice


@query_parameters()
def notice_detail(request, pk):
    """A notice on a page of its own: where the banner and the e-mail alert link to."""
    notice = get_object_or_404(Notice.objects.public().select_related("follows"), pk=pk)
    meta = PageMeta(
        title=notice.title, description=notice.text[:200], path=notice.get_absolute_url(), og_type="article"
    )
    context = {
        "notice": notice,
        "meta": meta,
        "breadcrumbs": [home_crumb(), (notice.title, None)],
    }
    return render(request, "notices/notice_detail.html", context)
