from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from sitewide.seo import PageMeta, home_crumb

from .query import clean_query
from .results import search

RESULTS_PER_PAGE = 20


@require_GET
def results(request):
    query = clean_query(request.GET.get("q", ""))
    found = search(query) if query else []
    page_obj = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    title = f"Search results for “{query}”" if query else "Search"
    if query and page_obj.number > 1:
        title = f"{title}, page {page_obj.number}"
    context = {
        "query": query,
        "page_obj": page_obj,
        "result_count": len(found),
        "query_string": urlencode({"q": query}),
        "meta": PageMeta(
            title=title, description="Search the pages, events and photographs of the site.", noindex=True
        ),
        "breadcrumbs": [home_crumb(), ("Search", None)],
    }
    return render(request, "search/results.html", context)
