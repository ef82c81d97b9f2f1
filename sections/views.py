from django.http import Http404
from django.shortcuts import get_object_or_404, render

from embassy.chrome import get_site_chrome

from .models import Section
from .tree import build_page_tree


def render_page(request, page):
    tree = build_page_tree(page)
    return render(request, "sections/page_detail.html", {"page": page, "tree": tree})


def home(request):
    home_page_id = get_site_chrome().home_page_id
    if home_page_id is None:
        raise Http404("No page has been published yet.")
    page = get_object_or_404(Section.objects.pages().public(), pk=home_page_id)
    return render_page(request, page)


def page_detail(request, slug):
    page = get_object_or_404(Section.objects.pages().public(), slug=slug)
    return render_page(request, page)
