from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from publishing.pagecache import keep_out_of_cache, page_number, page_of, query_parameters
from sitewide.seo import PageMeta, home_crumb

from .query import clean_query
from .results import search

RESULTS_PER_PAGE = 20


@query_parameters("q", page=page_number)
@require_safe
def results(request):
    query = clean_query(request.GET.get("q", ""))
    found = search(query) if query else []
    if query:
        keep_out_of_cache(request)  # searches are many and seldom repeated: each would evict a real page
    page_obj = page_of(request, found, RESULTS_PER_PAGE)
    title = gettext("Search results for “%(query)s”") % {"query": query} if query else gettext("Search")
    if query and page_obj.number > 1:
        title = f"{title}, page {page_obj.number}"
    context = {
        "query": query,
        "page_obj": page_obj,
        "result_count": len(found),
        "query_string": urlencode({"q": query}),
        "meta": PageMeta(
            title=title, description=gettext("Search the pages, events and photographs of the site."), noindex=True
        ),
        "breadcrumbs": [home_crumb(), (gettext("Search"), None)],
    }
    return render(request, "search/results.html", context)
