from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from publishing.pagecache import query_parameters


@query_parameters()
@require_safe
def robots_txt(request):
    """Crawlers may read the public site; the admin and result pages of searches are not for them."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('search:results')}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
